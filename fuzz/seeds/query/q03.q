let cutoff = @2020-01-01
