visits | where year(date) == $year and purpose != null | distinct to_country
