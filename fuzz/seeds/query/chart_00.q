agreements | summarize n = count() by year, kind | chart line year, n by kind title "per year"
