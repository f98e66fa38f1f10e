"""The insurance schemes a plan sets targets for, in the order tables show them."""

SCHEMES = ("mandatory", "voluntary", "unemployment")
