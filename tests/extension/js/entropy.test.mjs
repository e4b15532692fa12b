import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { charLength, shannonEntropy } from "../../../extension/lib/entropy.js";

const SAMPLES = ["", "aaaa", "true", "GA1.1.1234567890.1700000000", "3f9a0c1b7e2d4c6a", "zé🍪zé", "en-GB"];

test("entropy matches companion/entropy.py", () => {
  const python = process.env.BRIGHTLINE_PYTHON || "python3";
  const script =
    "import json,sys; sys.path.insert(0,'.');" +
    "from companion.entropy import shannon_entropy as e;" +
    "print(json.dumps([[e(s), len(s)] for s in json.load(sys.stdin)]))";
  const out = JSON.parse(execFileSync(python, ["-c", script], { input: JSON.stringify(SAMPLES), cwd: new URL("../../../", import.meta.url).pathname }).toString());
  SAMPLES.forEach((s, i) => {
    assert.ok(Math.abs(shannonEntropy(s) - out[i][0]) < 1e-9, `entropy of ${s}`);
    assert.equal(charLength(s), out[i][1], `length of ${s}`);
  });
});

test("random identifiers score high, constants zero", () => {
  assert.equal(shannonEntropy("aaaaaaaa"), 0);
  assert.ok(shannonEntropy("3f9a0c1b7e2d4c6a") > 3.5);
});
