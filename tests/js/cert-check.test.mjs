// Unit tests of static/js/cert-check.js: the browser's check of a certificate's QR code,
// against the cases Python writes (tests/certificates/test_qr_proof.py makes the fixture
// and fails when it is stale). Both the browser's Ed25519 and the fallback are tested.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import vm from "node:vm";

const source = readFileSync(new URL("../../static/js/cert-check.js", import.meta.url), "utf8");
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/cert-proof.json", import.meta.url), "utf8"),
);
// A household's GALS certificate (tests/gals/test_family_certificate_qr.py writes it).
const family = JSON.parse(
  readFileSync(new URL("./fixtures/family-proof.json", import.meta.url), "utf8"),
);

function load() {
  const self = { crypto: webcrypto };
  vm.runInNewContext(source, {
    self,
    Uint8Array,
    TextEncoder,
    atob,
    BigInt,
    Promise,
    JSON,
    Date,
    String,
    Math,
    Array,
    Number,
  });
  return self.CertCheck;
}

const CertCheck = load();
const ways = { "WebCrypto Ed25519": false, "the BigInt fallback": true };

for (const [way, noWebCrypto] of Object.entries(ways)) {
  const check = (code, proof, status) =>
    CertCheck.check(code, proof, fixture.keys, status || { revoked: {} }, {
      subtle: webcrypto.subtle,
      noWebCrypto,
    });

  test(`${way}: a valid paper reads back every fact and its key`, async () => {
    const result = await check(fixture.code, fixture.valid);
    assert.equal(result.outcome, "valid");
    assert.equal(result.keyId, fixture.key_id);
    assert.deepEqual(JSON.parse(JSON.stringify(result.facts)), fixture.facts);
  });

  test(`${way}: every signed fact changed is refused`, async () => {
    assert.equal(Object.keys(fixture.tampered).length, 11);
    for (const [name, proof] of Object.entries(fixture.tampered)) {
      const result = await check(fixture.code, proof);
      assert.equal(result.outcome, "tampered", name);
    }
    assert.equal((await check(fixture.other_code, fixture.valid)).outcome, "tampered");
  });

  test(`${way}: an unknown key id and garbage`, async () => {
    const unknown = await check(fixture.code, fixture.unknown_key);
    assert.equal(unknown.outcome, "unknown_key");
    assert.equal(unknown.keyId, "tc-0123456789");
    for (const text of fixture.garbage) {
      assert.equal((await check(fixture.code, text)).outcome, "not_a_certificate", text);
    }
    assert.equal((await check("not a code", fixture.valid)).outcome, "not_a_certificate");
  });

  const checkFamily = (code, proof, status) =>
    CertCheck.check(code, proof, family.keys, status || { revoked: {} }, {
      subtle: webcrypto.subtle,
      noWebCrypto,
    });

  test(`${way}: a valid family certificate reads back its facts, as a family's`, async () => {
    const result = await checkFamily(family.code, family.valid);
    assert.equal(result.outcome, "valid");
    assert.equal(result.kind, "family");
    assert.equal(result.keyId, family.key_id);
    assert.deepEqual(JSON.parse(JSON.stringify(result.facts)), family.facts);
    assert.equal((await check(fixture.code, fixture.valid)).kind, "camp");
  });

  test(`${way}: every signed fact of a family certificate changed is refused`, async () => {
    assert.equal(Object.keys(family.tampered).length, 7);
    for (const [name, proof] of Object.entries(family.tampered)) {
      const result = await checkFamily(family.code, proof);
      assert.equal(result.outcome, "tampered", name);
    }
    assert.equal((await checkFamily(family.other_code, family.valid)).outcome, "tampered");
  });

  test(`${way}: a family certificate's unknown key, garbage and revocation`, async () => {
    const unknown = await checkFamily(family.code, family.unknown_key);
    assert.equal(unknown.outcome, "unknown_key");
    assert.equal(unknown.keyId, "tc-0123456789");
    for (const text of family.garbage) {
      assert.equal((await checkFamily(family.code, text)).outcome, "not_a_certificate", text);
    }
    const revoked = await checkFamily(family.code, family.valid, family.status_revoked);
    assert.equal(revoked.outcome, "revoked");
    assert.equal(revoked.revokedOn, "2026-08-01");
  });

  test(`${way}: a revoked code is revoked with its date`, async () => {
    const result = await check(fixture.code, fixture.valid, fixture.status_revoked);
    assert.equal(result.outcome, "revoked");
    assert.equal(result.revokedOn, "2026-08-01");
  });
}

test("a signature dated outside its key's validity is refused", async () => {
  const keys = { keys: fixture.keys.keys.map((key) => ({ ...key, valid_from: "2026-07-12" })) };
  const result = await CertCheck.check(
    fixture.code,
    fixture.valid,
    keys,
    { revoked: {} },
    { subtle: webcrypto.subtle },
  );
  assert.equal(result.outcome, "tampered");
});

test("a link is read from a QR code's text, a pasted address or a typed code", () => {
  const link = `https://camp.example/ky/verify/${fixture.code}/#${fixture.valid}`;
  assert.deepEqual({ ...CertCheck.parseLink(link) }, { code: fixture.code, proof: fixture.valid });
  assert.deepEqual(
    { ...CertCheck.parseLink("7kq2m-x9d4r-r") },
    { code: "7kq2m-x9d4r-r", proof: "" },
  );
  assert.equal(CertCheck.parseLink("https://camp.example/ky/verify/scan/"), null);
  assert.equal(CertCheck.parseLink("WIFI:S:home;P:secret;;"), null);
});
