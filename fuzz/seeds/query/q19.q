cities                                # after a table
