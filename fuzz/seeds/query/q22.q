aid | where item in [
