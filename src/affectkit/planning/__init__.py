"""Planning the supporter's reply: support strategies, how to score them, and how to debias them."""
