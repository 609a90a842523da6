//! What a well-behaved player sees: whole files, byte ranges per RFC 9110, and nothing outside
//! the media folder or without the token. Real server, real sockets, real files.

mod support;

use std::path::Path;

use media_server::MediaServer;
use support::{exchange, get, patterned, request, target, Folder};

const TEN: &[u8] = b"0123456789";

fn serve(folder: &Folder) -> MediaServer {
    MediaServer::start(&folder.media).expect("start the media server")
}

#[test]
fn whole_files_are_served_with_the_content_type_of_their_kind() {
    let folder = Folder::new();
    let server = serve(&folder);
    for (name, kind) in [
        ("my story.mp4", "video/mp4"),
        ("cover.jpg", "image/jpeg"),
        ("page.jpeg", "image/jpeg"),
        ("drawing.png", "image/png"),
        ("voice.wav", "audio/wav"),
        ("notes.bin", "application/octet-stream"),
    ] {
        let path = folder.file(name, 1000);
        let response = get(server.origin(), &path, None);
        assert_eq!(response.status(), 200, "{name}: {}", response.head);
        assert_eq!(response.header("Content-Type"), Some(kind), "{name}");
        assert_eq!(response.header("Content-Length"), Some("1000"), "{name}");
        assert_eq!(response.header("Accept-Ranges"), Some("bytes"), "{name}");
        assert_eq!(response.header("Content-Range"), None, "{name}");
        assert_eq!(response.body, patterned(0, 1000), "{name}");
    }
}

#[test]
fn a_single_range_is_served_as_partial_content_with_its_end_clamped_to_the_file() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.media.join("story.mp4");
    std::fs::write(&video, TEN).expect("write");
    for (range, content_range, body) in [
        ("bytes=2-5", "bytes 2-5/10", &b"2345"[..]),
        ("bytes=7-", "bytes 7-9/10", b"789"),
        ("bytes=-3", "bytes 7-9/10", b"789"),
        ("bytes=0-", "bytes 0-9/10", TEN),
        ("bytes=8-100", "bytes 8-9/10", b"89"),
        ("bytes=-50", "bytes 0-9/10", TEN),
        ("bytes=4-4", "bytes 4-4/10", b"4"),
    ] {
        let response = get(server.origin(), &video, Some(range));
        assert_eq!(response.status(), 206, "{range}: {}", response.head);
        assert_eq!(response.header("Content-Range"), Some(content_range), "{range}");
        assert_eq!(response.header("Content-Length"), Some(body.len().to_string().as_str()), "{range}");
        assert_eq!(response.body, body, "{range}");
    }
}

#[test]
fn a_range_deep_inside_a_large_video_returns_exactly_those_bytes() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.file("long.mp4", 3 * 1024 * 1024);
    let response = get(server.origin(), &video, Some("bytes=1000000-2999999"));
    assert_eq!(response.status(), 206);
    assert_eq!(response.body, patterned(1_000_000, 2_000_000));
}

#[test]
fn head_requests_get_the_same_headers_and_no_body() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.file("story.mp4", 500);
    let whole = request(server.origin(), "HEAD", &video, None);
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.header("Content-Length"), Some("500"));
    assert!(whole.body.is_empty());
    let part = request(server.origin(), "HEAD", &video, Some("bytes=100-199"));
    assert_eq!(part.status(), 206);
    assert_eq!(part.header("Content-Range"), Some("bytes 100-199/500"));
    assert!(part.body.is_empty());
}

#[test]
fn a_range_past_the_end_or_backwards_gets_416_with_the_file_size() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.media.join("story.mp4");
    std::fs::write(&video, TEN).expect("write");
    for range in ["bytes=10-", "bytes=20-30", "bytes=-0", "bytes=5-2", "bytes=20-,30-40", "bytes=0-1,5-2"] {
        let response = get(server.origin(), &video, Some(range));
        assert_eq!(response.status(), 416, "{range}: {}", response.head);
        assert_eq!(response.header("Content-Range"), Some("bytes */10"), "{range}");
        assert!(response.body.is_empty(), "{range}");
    }
    let empty = folder.media.join("empty.mp4");
    std::fs::write(&empty, b"").expect("write");
    let response = get(server.origin(), &empty, Some("bytes=0-"));
    assert_eq!(response.status(), 416);
    assert_eq!(response.header("Content-Range"), Some("bytes */0"));
}

#[test]
fn a_range_header_that_does_not_parse_is_ignored_and_the_whole_file_sent() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.media.join("story.mp4");
    std::fs::write(&video, TEN).expect("write");
    for range in ["bytes=abc", "bytes=", "bytes=-", "bytes=1-2-3", "bytes 0-1", "items=0-1", "bytes=0x1-2"] {
        let response = get(server.origin(), &video, Some(range));
        assert_eq!(response.status(), 200, "{range}: {}", response.head);
        assert_eq!(response.header("Content-Range"), None, "{range}");
        assert_eq!(response.body, TEN, "{range}");
    }
}

#[test]
fn several_ranges_get_the_whole_file_with_200() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.media.join("story.mp4");
    std::fs::write(&video, TEN).expect("write");
    for range in ["bytes=0-1,4-5", "bytes=0-1, 20-30", "bytes=-2,0-0"] {
        let response = get(server.origin(), &video, Some(range));
        assert_eq!(response.status(), 200, "{range}: {}", response.head);
        assert_eq!(response.header("Content-Length"), Some("10"), "{range}");
        assert_eq!(response.body, TEN, "{range}");
    }
}

#[test]
fn nothing_outside_the_media_folder_is_served() {
    let folder = Folder::new();
    let server = serve(&folder);
    let secret = folder.dir.path().join("secret.txt");
    let mut outside = vec![
        folder.media.join("../secret.txt"),
        secret.clone(),
        folder.media.clone(),
        folder.media.join("missing.mp4"),
    ];
    #[cfg(unix)]
    {
        let link = folder.media.join("innocent.mp4");
        std::os::unix::fs::symlink(&secret, &link).expect("symlink");
        outside.push(link);
    }
    for path in outside {
        let response = get(server.origin(), &path, None);
        assert_eq!(response.status(), 404, "{}: {}", path.display(), response.head);
        assert!(response.body.is_empty());
    }
}

#[test]
fn a_wrong_or_missing_token_is_not_found() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.file("story.mp4", 10);
    let (host, good) = target(server.origin(), &video);
    let token = good.split('/').nth(1).expect("token").to_string();
    let mut wrong_token = token.clone().into_bytes();
    wrong_token[0] = if wrong_token[0] == b'a' { b'b' } else { b'a' };
    let wrong_token = String::from_utf8(wrong_token).expect("ascii");
    for bad in [
        good.replacen(&token, &wrong_token, 1),
        good.replacen(&token, "", 1),
        good.replacen(&token, &token[..10], 1),
        format!("/{}", support::encode(&video)),
    ] {
        let response = exchange(&host, format!("GET {bad} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
        assert_eq!(response.status(), 404, "{bad}: {}", response.head);
    }
    assert_eq!(get(server.origin(), &video, None).status(), 200, "the right token still works");
}

#[test]
fn methods_other_than_get_and_head_are_refused() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.file("story.mp4", 10);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let response = request(server.origin(), method, &video, None);
        assert_eq!(response.status(), 405, "{method}");
        assert_eq!(response.header("Allow"), Some("GET, HEAD"), "{method}");
    }
    assert!(std::fs::metadata(&video).is_ok(), "nothing was deleted");
}

#[test]
fn a_request_that_is_not_http_gets_400() {
    let folder = Folder::new();
    let server = serve(&folder);
    let video = folder.file("story.mp4", 10);
    let (host, good) = target(server.origin(), &video);
    for raw in [
        "HELLO\r\n\r\n".to_string(),
        format!("GET {good}\r\n\r\n"),
        format!("GET {good} HTTP/1.1\r\nthis line has no colon\r\n\r\n"),
        format!("GET {good} HTTP/1.1\r\nRange : bytes=0-1\r\n\r\n"),
    ] {
        let response = exchange(&host, raw.as_bytes());
        assert_eq!(response.status(), 400, "{raw:?}: {}", response.head);
    }
}

#[test]
fn a_media_folder_that_does_not_exist_is_a_clear_start_error() {
    let error = MediaServer::start(Path::new("/nonexistent/media")).expect_err("no such folder");
    assert_eq!(error.code(), "media_folder_unavailable");
    assert!(error.to_string().contains("/nonexistent/media"), "{error}");
}
