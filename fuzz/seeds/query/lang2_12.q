provinces | join cross (countries | take 2) | take 4
