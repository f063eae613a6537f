"""One module per session (or concept of a session), composing the building blocks.

``from dsrlab.topics import diplomacy`` then ``diplomacy.plot_votes(country="BRA")``.
A module may register the answers its exercise files compute in a dict ``ANSWERS``.
"""
