visits | where purpose != null | count
visits | where purpose is not null | count
