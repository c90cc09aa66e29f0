"""What the records add up to: periods, statistics, the report's data and sentences, the home page's figures."""
