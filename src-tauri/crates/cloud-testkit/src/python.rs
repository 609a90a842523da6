//! The emulator's Python side: a venv at infrastructure/local/.venv holding the pinned moto. A
//! missing Python, venv module or pip fails with the Debian packages to install, because a cloud
//! test that quietly did not run would look like a passing one.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::emulator_dir;

const INSTALL_PYTHON: &str = "apt-get install python3 python3-venv python3-pip";

/// Where the emulator's venv lives.
pub fn venv_dir() -> PathBuf {
    emulator_dir().join(".venv")
}

/// The venv's interpreter (it may not exist yet; see [`ensure_venv`]).
pub fn venv_python() -> PathBuf {
    venv_dir().join("bin/python")
}

/// Makes the venv ready once per process and returns its interpreter; panics with what to
/// install when Python, venv or pip is missing.
pub fn ensure_venv() -> PathBuf {
    static READY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        prepare_venv(OsStr::new("python3"), &venv_dir(), &emulator_dir().join("requirements.txt"))
    });
    match ready {
        Ok(python) => python.clone(),
        Err(message) => panic!("{message}"),
    }
}

/// Creates `venv` with `python3` and installs `requirements` into it unless it already imports
/// moto 5.2.5. The error is a sentence naming what to install.
pub fn prepare_venv(python3: &OsStr, venv: &Path, requirements: &Path) -> Result<PathBuf, String> {
    let python = venv.join("bin/python");
    if python.exists() && moto_ready(&python) {
        return Ok(python);
    }
    let shown = python3.to_string_lossy();
    match Command::new(python3).arg("--version").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            return Err(format!(
                "The cloud tests need Python 3, and `{shown} --version` failed ({}). Install it: {INSTALL_PYTHON}.",
                tail(&out)
            ))
        }
        Err(err) => {
            return Err(format!(
                "The cloud tests need Python 3, and `{shown}` could not be run ({err}). Install it: {INSTALL_PYTHON}."
            ))
        }
    }
    if !python.exists() {
        let made = Command::new(python3).args(["-m", "venv"]).arg(venv).output();
        let failure = match made {
            Ok(out) if out.status.success() => None,
            Ok(out) => Some(tail(&out)),
            Err(err) => Some(err.to_string()),
        };
        if let Some(detail) = failure {
            // A half-made venv (Debian's python3 without ensurepip leaves one) would hide this
            // message next time behind a missing pip.
            let _ = std::fs::remove_dir_all(venv);
            return Err(format!(
                "Python's venv module could not create {} ({detail}). Install it: apt-get install python3-venv.",
                venv.display()
            ));
        }
    }
    let pip = Command::new(&python).args(["-m", "pip", "--version"]).output();
    if !pip.as_ref().is_ok_and(|out| out.status.success()) {
        let detail = match pip {
            Ok(out) => tail(&out),
            Err(err) => err.to_string(),
        };
        return Err(format!(
            "The venv at {} has no pip ({detail}). Install it: apt-get install python3-venv python3-pip, \
             then delete {} and run the tests again.",
            venv.display(),
            venv.display()
        ));
    }
    let installed = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(requirements)
        .output();
    match installed {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            return Err(format!(
                "pip could not install {} ({}). The emulator needs moto[server]==5.2.5 and boto3 from PyPI: \
                 check that PyPI can be reached and that pip works (apt-get install python3-pip).",
                requirements.display(),
                tail(&out)
            ))
        }
        Err(err) => return Err(format!("pip could not be started from {} ({err}).", python.display())),
    }
    if moto_ready(&python) {
        Ok(python)
    } else {
        Err(format!(
            "moto 5.2.5 is still not importable from {} after installing {}.",
            python.display(),
            requirements.display()
        ))
    }
}

fn moto_ready(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import moto, boto3, werkzeug; assert moto.__version__ == '5.2.5', moto.__version__"])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// The last lines a failed command printed, for the failure message.
fn tail(out: &Output) -> String {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let start = lines.len().saturating_sub(6);
    let last = lines[start..].join(" | ");
    if last.is_empty() {
        out.status.to_string()
    } else {
        last
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// A stand-in `python3` that runs `body` (a shell script) for every call.
    fn fake_python(dir: &Path, body: &str) -> PathBuf {
        let path = dir.join("python3");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write the stand-in");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        path
    }

    #[test]
    fn no_python_names_the_packages_to_install() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("no-such-python3");
        let err = prepare_venv(missing.as_os_str(), &dir.path().join("venv"), &dir.path().join("req.txt"))
            .expect_err("nothing to run");
        assert!(err.contains("need Python 3") && err.contains("apt-get install python3 "), "{err}");
    }

    #[test]
    fn no_venv_module_names_python3_venv_and_leaves_no_half_made_venv() {
        let dir = tempfile::tempdir().expect("temp dir");
        let python3 = fake_python(
            dir.path(),
            r#"if [ "$1" = "--version" ]; then echo "Python 3.11.2"; exit 0; fi
mkdir -p "$3/bin" && touch "$3/bin/python"
echo "The virtual environment was not created successfully because ensurepip is not available." >&2
exit 1"#,
        );
        let venv = dir.path().join("venv");
        let err = prepare_venv(python3.as_os_str(), &venv, &dir.path().join("req.txt")).expect_err("no venv");
        assert!(err.contains("apt-get install python3-venv"), "{err}");
        assert!(err.contains("ensurepip is not available"), "{err}");
        assert!(!venv.exists(), "the half-made venv was removed");
    }

    #[test]
    fn a_venv_without_pip_names_python3_pip() {
        let dir = tempfile::tempdir().expect("temp dir");
        let python3 = fake_python(
            dir.path(),
            r#"if [ "$1" = "--version" ]; then echo "Python 3.11.2"; exit 0; fi
mkdir -p "$3/bin"
printf '#!/bin/sh\necho "No module named pip" >&2\nexit 1\n' > "$3/bin/python"
chmod 755 "$3/bin/python""#,
        );
        let venv = dir.path().join("venv");
        let err = prepare_venv(python3.as_os_str(), &venv, &dir.path().join("req.txt")).expect_err("no pip");
        assert!(err.contains("has no pip") && err.contains("python3-pip"), "{err}");
        assert!(err.contains("No module named pip"), "{err}");
    }
}
