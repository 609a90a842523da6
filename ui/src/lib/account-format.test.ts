import { describe, expect, it } from "vitest";
import { attributeField, groupSecret, otpauthLink, signOutSummary, svgDataUrl } from "@/lib/account-format";

function decode(url: string): string {
  const base64 = url.replace(/^data:image\/svg\+xml;base64,/, "");
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

describe("the QR code image", () => {
  it("becomes a base64 data URL that decodes back to the same SVG, non-ASCII included", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><title>NoComelon – Sam’s</title><rect width="1" height="1"/></svg>';
    const url = svgDataUrl(svg);
    expect(url).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    expect(decode(url ?? "")).toBe(svg);
  });

  it("accepts an XML declaration and a comment before the svg element", () => {
    expect(svgDataUrl('<?xml version="1.0" encoding="UTF-8"?>\n<!-- qr -->\n<svg viewBox="0 0 1 1"></svg>')).not.toBeNull();
  });

  it("refuses anything that is not an SVG document", () => {
    expect(svgDataUrl("<div>not a picture</div>")).toBeNull();
    expect(svgDataUrl("")).toBeNull();
    expect(svgDataUrl("<svgfoo>")).toBeNull();
  });
});

describe("the authenticator key", () => {
  it("is shown in groups of four", () => {
    expect(groupSecret("JBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP");
    expect(groupSecret("jbsw y3dp ehp")).toBe("JBSW Y3DP EHP");
  });

  it("opens only otpauth TOTP links", () => {
    const uri = "otpauth://totp/NoComelon:sam%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=NoComelon";
    expect(otpauthLink(uri)).toBe(uri);
    expect(otpauthLink("javascript:alert(1)")).toBeNull();
    expect(otpauthLink("https://example.com")).toBeNull();
  });
});

describe("profile details the account asks for", () => {
  it("have plain labels and the right autocomplete", () => {
    expect(attributeField("name")).toEqual({ key: "name", label: "Your name", autoComplete: "name", type: "text" });
    expect(attributeField("phone_number")).toMatchObject({ autoComplete: "tel", type: "tel" });
    // The name goes back exactly as it came.
    expect(attributeField("userAttributes.given_name")).toMatchObject({ key: "userAttributes.given_name", label: "First name" });
    expect(attributeField("custom:favourite_colour")).toMatchObject({ label: "Favourite colour", autoComplete: "off" });
  });
});

describe("the sign-out toast", () => {
  it("is a plain success when everything went through", () => {
    expect(signOutSummary({ complete: true, problems: [] }, false)).toEqual({ tone: "success", title: "Signed out.", description: null });
    expect(signOutSummary({ complete: true, problems: [] }, true).title).toBe("Signed out on all your devices.");
  });

  it("says what could not be done when the server was not told", () => {
    expect(
      signOutSummary({ complete: false, problems: ["The server couldn't be told, so other devices stay signed in for up to an hour."] }, true),
    ).toEqual({
      tone: "warning",
      title: "Signed out on this computer.",
      description: "The server couldn't be told, so other devices stay signed in for up to an hour.",
    });
    expect(signOutSummary({ complete: false, problems: [] }, false)).toEqual({
      tone: "warning",
      title: "Signed out on this computer.",
      description: null,
    });
  });
});
