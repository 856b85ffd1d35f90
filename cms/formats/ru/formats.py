# A day and month alone in the genitive: "29 октября".
MONTH_DAY_FORMAT = "j E"
