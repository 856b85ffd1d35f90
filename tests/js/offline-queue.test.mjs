// Unit tests of static/js/offline-queue.js that need no browser: node's test runner
// loads the script as the page does (a classic script on `self`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import vm from "node:vm";

const source = readFileSync(new URL("../../static/js/offline-queue.js", import.meta.url), "utf8");

function load(crypto) {
  const self = { crypto, location: { href: "https://camp.example/ky/" } };
  vm.runInNewContext(source, { self, Uint8Array });
  return self.OfflineQueue;
}

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("without crypto.randomUUID a client id is still a version-4 UUID, never repeated", () => {
  const queue = load({ getRandomValues: (bytes) => webcrypto.getRandomValues(bytes) });
  const ids = Array.from({ length: 2000 }, () => queue.newId());
  for (const id of ids) assert.match(id, UUID4);
  assert.equal(new Set(ids).size, ids.length);
});

test("with crypto.randomUUID the browser's own id is used", () => {
  const queue = load({ randomUUID: () => "0b6c3f0e-8d5a-4f27-9c1e-2a4b6d8f0a1c" });
  assert.equal(queue.newId(), "0b6c3f0e-8d5a-4f27-9c1e-2a4b6d8f0a1c");
});

test("the fallback puts the version and variant bits where UUIDs have them", () => {
  const zeros = load({ getRandomValues: (bytes) => bytes.fill(0) });
  assert.equal(zeros.newId(), "00000000-0000-4000-8000-000000000000");
  const ones = load({ getRandomValues: (bytes) => bytes.fill(255) });
  assert.equal(ones.newId(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
});
