let hainan = cities | where province == "Hainan"
