let yes = true
let no = false
let unknown = null
cities | take 1
| select a = yes and unknown, b = no and unknown, c = yes or unknown, d = no or unknown, e = not unknown
