cities | derive a = left(name, 3), b = right(name, 2), c = lpad(name, 12, "*"), d = rpad(country, 10, "."), e = reverse(name), f = format("{} of {}", name, country)
