"""Date formats the site writes, where Django's own read wrongly (FORMAT_MODULE_PATH).

Kyrgyz writes a date with the year first and the month as the year's: "2026-жылдын
29-октябры", a day and month alone "29-октябрь", month names in lower case. Russian
writes a day and month alone in the genitive: "29 октября", not Django's "29 Октябрь".
The month names themselves are in the catalogues (``months``)."""
