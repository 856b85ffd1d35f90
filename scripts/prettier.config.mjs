// Prettier for the site's own scripts (static/js) and their unit tests (tests/js); not for
// the service worker, whose compressed size has a budget (the Makefile says why), nor for
// tests/js/fixtures: the certificate proof there is written byte for byte by
// tests/certificates/test_qr_proof.py. Lines as long as ruff allows for the Python;
// otherwise Prettier's defaults, which the scripts already follow (double quotes,
// semicolons, two-space indent).
export default {
  printWidth: 100,
};
