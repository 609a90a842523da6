//! Turning a TOTP secret from AssociateSoftwareToken into what an authenticator app scans: the
//! otpauth:// URI and a QR code of it.

use serde::Serialize;

/// What the parent needs to add NoComelon to an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotpSetup {
    /// The Base32 secret, for typing in by hand.
    pub secret_base32: String,
    pub otpauth_uri: String,
    /// An SVG image of a QR code holding `otpauth_uri`.
    pub qr_svg: String,
}

impl TotpSetup {
    pub fn new(email: &str, secret_base32: &str) -> Self {
        let otpauth_uri = otpauth_uri(email, secret_base32);
        let qr_svg = qr_svg(&otpauth_uri);
        Self { secret_base32: secret_base32.to_owned(), otpauth_uri, qr_svg }
    }
}

/// `otpauth://totp/NoComelon:<email>?secret=<B32>&issuer=NoComelon`.
pub fn otpauth_uri(email: &str, secret_base32: &str) -> String {
    format!(
        "otpauth://totp/NoComelon:{}?secret={}&issuer=NoComelon",
        percent_encode(email),
        percent_encode(secret_base32)
    )
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// An SVG QR code of `data`; empty if the data cannot fit a QR code.
pub fn qr_svg(data: &str) -> String {
    match qrcode::QrCode::new(data.as_bytes()) {
        Ok(code) => {
            code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build()
        }
        Err(err) => {
            tracing::warn!(%err, "could not draw the QR code");
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uri_has_the_authenticator_format() {
        assert_eq!(
            otpauth_uri("mum@example.org", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/NoComelon:mum@example.org?secret=JBSWY3DPEHPK3PXP&issuer=NoComelon"
        );
        assert_eq!(
            otpauth_uri("a+b c@example.org", "AB"),
            "otpauth://totp/NoComelon:a%2Bb%20c@example.org?secret=AB&issuer=NoComelon"
        );
    }

    #[test]
    fn the_qr_code_is_an_svg() {
        let setup = TotpSetup::new("mum@example.org", "JBSWY3DPEHPK3PXP");
        assert!(setup.qr_svg.contains("<svg"), "{}", &setup.qr_svg[..setup.qr_svg.len().min(80)]);
        assert!(setup.qr_svg.contains("<path") || setup.qr_svg.contains("<rect"));
    }
}
