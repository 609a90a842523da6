import { describe, expect, it } from "vitest";
import type { PasswordPolicy } from "@/bindings";
import { meetsPolicy, PASSWORD_SYMBOLS, policyChecks, policySentence } from "@/lib/password-policy";

const strict: PasswordPolicy = {
  min_length: 8,
  require_uppercase: true,
  require_lowercase: true,
  require_numbers: true,
  require_symbols: true,
};

const met = (policy: PasswordPolicy, password: string) =>
  Object.fromEntries(policyChecks(policy, password).map((check) => [check.key, check.met]));

describe("the password checklist", () => {
  it("lists every rule before anything is typed, none of them met", () => {
    const checks = policyChecks(strict, "");
    expect(checks.map((check) => check.label)).toEqual([
      "At least 8 characters",
      "An uppercase letter (A-Z)",
      "A lowercase letter (a-z)",
      "A number (0-9)",
      "A symbol, such as ! ? # or @",
    ]);
    expect(checks.every((check) => !check.met)).toBe(true);
  });

  it("ticks rules off one by one as the password grows", () => {
    expect(met(strict, "a")).toEqual({ length: false, uppercase: false, lowercase: true, number: false, symbol: false });
    expect(met(strict, "aB")).toMatchObject({ uppercase: true, lowercase: true });
    expect(met(strict, "aB3")).toMatchObject({ number: true, symbol: false });
    expect(met(strict, "aB3!")).toMatchObject({ symbol: true, length: false });
    expect(met(strict, "aB3!wxyz")).toEqual({ length: true, uppercase: true, lowercase: true, number: true, symbol: true });
    expect(meetsPolicy(strict, "aB3!wxyz")).toBe(true);
    expect(meetsPolicy(strict, "aB3!wxy")).toBe(false);
  });

  it("counts characters, not UTF-16 units, for the length", () => {
    const policy = { ...strict, require_symbols: false, require_numbers: false, require_uppercase: false };
    // Seven emoji are 14 UTF-16 units but 7 characters.
    expect(met(policy, "a😀😀😀😀😀😀")).toMatchObject({ length: false });
    expect(met(policy, "a😀😀😀😀😀😀😀")).toMatchObject({ length: true });
  });

  it("accepts the account service's symbols, and a space only inside the password", () => {
    for (const symbol of PASSWORD_SYMBOLS.trim()) {
      expect(met(strict, `ab${symbol}`).symbol, symbol).toBe(true);
    }
    expect(met(strict, "ab cd").symbol).toBe(true);
    expect(met(strict, "abcd").symbol).toBe(false);
    expect(met(strict, "é€ß").symbol).toBe(false);
  });

  it("adds a broken rule when the password starts or ends with a space", () => {
    const checks = policyChecks(strict, " Abcdef1!");
    expect(checks.at(-1)).toEqual({ key: "edges", label: "No space at the start or the end", met: false });
    expect(meetsPolicy(strict, " Abcdef1!")).toBe(false);
    expect(meetsPolicy(strict, "Abcdef1! ")).toBe(false);
    expect(policyChecks(strict, "Abc def1!").some((check) => check.key === "edges")).toBe(false);
  });

  it("only lists the rules the policy turns on", () => {
    const relaxed: PasswordPolicy = {
      min_length: 6,
      require_uppercase: false,
      require_lowercase: false,
      require_numbers: true,
      require_symbols: false,
    };
    expect(policyChecks(relaxed, "").map((check) => check.key)).toEqual(["length", "number"]);
    expect(meetsPolicy(relaxed, "abcde1")).toBe(true);
    expect(meetsPolicy(relaxed, "")).toBe(false);
  });

  it("says the rules in one sentence", () => {
    expect(policySentence(strict)).toBe(
      "Use at least 8 characters, with an uppercase letter, a lowercase letter, a number and a symbol.",
    );
    expect(policySentence({ ...strict, require_uppercase: false, require_lowercase: false, require_symbols: false })).toBe(
      "Use at least 8 characters, with a number.",
    );
    expect(
      policySentence({ min_length: 0, require_uppercase: false, require_lowercase: false, require_numbers: false, require_symbols: false }),
    ).toBe("Any password will do.");
  });
});
