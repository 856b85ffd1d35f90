# Sourced by backup.sh and restore.sh: splits DATABASE_URL into the address without its
# password ($dsn, for command lines, which `ps` shows to every user of the machine) and
# the password, exported as PGPASSWORD for libpq (a ~/.pgpass file works too).
{ IFS= read -r dsn; IFS= read -r password; } < <(python3 -c '
import os, urllib.parse as u
url = u.urlsplit(os.environ["DATABASE_URL"])
netloc, password = url.netloc, u.unquote(url.password or "")
if "@" in netloc:
    userinfo, host = netloc.rsplit("@", 1)
    netloc = userinfo.split(":", 1)[0] + "@" + host
print(u.urlunsplit((url.scheme, netloc, url.path, url.query, url.fragment)))
print(password)
')
if [ -n "$password" ]; then
    export PGPASSWORD="$password"
fi
unset password
