# E: the month as the year's ("октябры"), F: the month ("октябрь"); see cms/formats/months.py.
DATE_FORMAT = "Y-жылдын j-E"
DATETIME_FORMAT = "Y-жылдын j-E, G:i"
YEAR_MONTH_FORMAT = "Y-жылдын E"
MONTH_DAY_FORMAT = "j-F"
