agreements |
