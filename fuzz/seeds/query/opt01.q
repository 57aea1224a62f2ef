aid | derive v = quantity * 2 | where item == "masks" | sort v desc, aid_id | take 5 | select aid_id, v
