// Unit tests of static/js/quiz-order.js, the order a girl sees a question's choices in:
// node's test runner loads the script as the page does (a classic script on `self`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("../../static/js/quiz-order.js", import.meta.url), "utf8");
const self = {};
vm.runInNewContext(source, { self });
const { order } = self.QuizOrder;

const LESSON = "6f1c0e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6";
const seeds = Array.from({ length: 200 }, (_, i) =>
  (0x9e3779b97f4a7c15n * BigInt(i + 1)).toString(16).slice(-16).padStart(16, "0"),
);

test("the same seed and question give the same order every time", () => {
  for (const seed of seeds.slice(0, 20)) {
    for (let n = 1; n <= 5; n++) {
      const first = order(seed, `${LESSON}:${n}`, 4);
      for (let again = 0; again < 3; again++) {
        assert.deepEqual(order(seed, `${LESSON}:${n}`, 4), first);
      }
    }
  }
});

test("every order holds each choice exactly once", () => {
  for (const seed of seeds) {
    for (const count of [2, 3, 4, 5, 6]) {
      const shown = order(seed, `${LESSON}:1`, count);
      assert.equal(shown.length, count);
      assert.deepEqual(
        [...shown].sort((a, b) => a - b),
        Array.from({ length: count }, (_, i) => i + 1),
      );
    }
  }
});

test("two girls see different orders on most of thirty questions", () => {
  const questions = Array.from({ length: 30 }, (_, i) => `${LESSON}:${i + 1}`);
  for (let g = 0; g + 1 < 40; g += 2) {
    const differ = questions.filter(
      (q) => order(seeds[g], q, 4).join() !== order(seeds[g + 1], q, 4).join(),
    ).length;
    // Two random orders of four agree one time in 24: on 30 questions, a handful at most.
    assert.ok(differ >= 24, `seeds ${g} and ${g + 1} differ on only ${differ} of 30`);
  }
});

test("one girl's questions are not all in the same order", () => {
  const shown = new Set(
    Array.from({ length: 30 }, (_, i) => order(seeds[0], `${LESSON}:${i + 1}`, 4).join()),
  );
  assert.ok(shown.size >= 10, `${shown.size} different orders`);
});

test("the right answer lands in every place about equally often", () => {
  // 200 girls x 30 questions with the right answer written second: each of four places
  // should hold it about a quarter of the time (6000 draws; 3 % is over 10 standard errors).
  const places = [0, 0, 0, 0];
  for (const seed of seeds) {
    for (let n = 1; n <= 30; n++) places[order(seed, `${LESSON}:${n}`, 4).indexOf(2)] += 1;
  }
  const total = places.reduce((a, b) => a + b);
  for (const count of places) assert.ok(Math.abs(count / total - 0.25) < 0.03, String(places));
});

test("without a seed the choices keep the order they were written in", () => {
  assert.deepEqual([...order("", `${LESSON}:1`, 4)], [1, 2, 3, 4]);
});
