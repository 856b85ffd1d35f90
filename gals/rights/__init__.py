"""Families' rights: a parent's request to see, correct or erase her family's data, and
the codes that reset a parent's password."""
