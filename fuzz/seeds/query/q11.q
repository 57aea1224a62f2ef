hainan | count
