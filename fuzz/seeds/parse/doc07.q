load "extra/partners.csv" as partners with (name: string, country: string)
partners | count
