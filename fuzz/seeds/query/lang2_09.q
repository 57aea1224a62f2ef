cities | derive a = matches(name, "^[A-Z].*o$"), b = extract(name, "([a-z]+)$", 1), c = regex_replace(name, "[aeiou]", "_"), d = split_part(name, " ", 2), e = strpos(name, "an")
