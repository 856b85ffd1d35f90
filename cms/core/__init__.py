"""The shared kernel (app label ``cms``): users and roles, base pages and blocks, the one
permission entry point, the audit log, sign-in and the offline pages. It imports no
domain app; the apps above it answer its Wagtail hooks."""
