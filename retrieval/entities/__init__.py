"""Who and where: countries, their names and aliases, people and their roles, places, cities."""
