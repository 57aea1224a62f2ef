agreements | where signed is not null
           | select agreement_id, signed, next_day = signed + 1, week_before = signed - 7,
                    days_to_2024 = @2024-01-01 - signed
           | take 3
