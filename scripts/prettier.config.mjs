// Prettier for the site's own scripts (static/js), the service worker (a template: the
// Makefile hands it over with its one template value replaced by a placeholder) and the
// scripts' unit tests (tests/js). Lines as long as ruff allows for the Python; otherwise
// Prettier's defaults, which the scripts already follow (double quotes, semicolons,
// two-space indent). tests/js/fixtures is not given to it: the certificate proof there is
// written byte for byte by tests/certificates/test_qr_proof.py.
export default {
  printWidth: 100,
};
