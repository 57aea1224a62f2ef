partners | take 3
