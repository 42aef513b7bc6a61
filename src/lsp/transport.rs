//! JSON-RPC over stdio with LSP's `Content-Length` framing. lsp-server's own stdio
//! transport ends the connection at the first frame that is not valid JSON; an editor
//! server must outlive a broken client message, so this reader answers such a frame
//! with a JSON-RPC error (`id: null`, as JSON-RPC 2.0 asks when the id is unknown) and
//! reads on. Messages that parse go to the server as lsp-server's [`Message`]s.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The writing half, shared by the server's writer thread and the reader's error replies
/// so that frames never interleave.
type Output = Arc<Mutex<Box<dyn Write + Send>>>;

/// A frame that cannot be answered as a message: what to tell the client.
#[derive(Debug, PartialEq, Eq)]
enum BadFrame {
    /// The body is not JSON.
    Parse(String),
    /// JSON, but not a request, response or notification; its id when it has one.
    Invalid { id: Value, reason: String },
    /// The headers lack a usable `Content-Length`, or it is over the cap.
    Header(String),
}

/// Reads one frame: `Ok(None)` at the end of input.
fn read_frame(
    input: &mut dyn BufRead,
    max_len: usize,
) -> io::Result<Option<Result<Message, BadFrame>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut saw_header = false;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("`Content-Length: {}` is not a length", value.trim())),
            );
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(reason)) => return Ok(Some(Err(BadFrame::Header(reason)))),
        None => {
            return Ok(Some(Err(BadFrame::Header(
                "a frame without `Content-Length`".to_owned(),
            ))));
        }
    };
    if length > max_len {
        // Read past it, so that the next frame is found where it starts.
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Err(BadFrame::Header(format!(
            "a {length}-byte message is over the {max_len}-byte limit"
        )))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(error) => return Ok(Some(Err(BadFrame::Parse(error.to_string())))),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    Ok(Some(serde_json::from_value::<Message>(value).map_err(
        |error| BadFrame::Invalid {
            id,
            reason: error.to_string(),
        },
    )))
}

fn error_frame(bad: BadFrame) -> Value {
    let (id, code, message) = match bad {
        BadFrame::Parse(reason) => (
            Value::Null,
            ErrorCode::ParseError,
            format!("not JSON: {reason}"),
        ),
        BadFrame::Invalid { id, reason } => (
            // An id that is neither a number nor a string cannot be echoed.
            if id.is_number() || id.is_string() {
                id
            } else {
                Value::Null
            },
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC request or notification: {reason}"),
        ),
        BadFrame::Header(reason) => (Value::Null, ErrorCode::InvalidRequest, reason),
    };
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

fn write_value(output: &Output, value: &Value) -> io::Result<()> {
    let body = value.to_string();
    let mut output = output
        .lock()
        .map_err(|_| io::Error::other("output lock poisoned"))?;
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

/// The threads that move frames; joined when the server is done.
pub struct Threads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for the writer to flush the last message. The reader is left to end with
    /// its input: a client that sends `exit` and keeps stdin open must not hold us.
    pub fn join(self) -> io::Result<()> {
        drop(self.reader);
        self.writer
            .join()
            .map_err(|_| io::Error::other("the writer thread panicked"))?
    }
}

/// Starts the reader and writer threads on `input` and `output`. Frames over `max_len`
/// bytes are refused unread.
pub fn start(
    input: impl BufRead + Send + 'static,
    output: impl Write + Send + 'static,
    max_len: usize,
) -> (lsp_server::Connection, Threads) {
    let output: Output = Arc::new(Mutex::new(Box::new(output)));
    let (to_server, from_client): (Sender<Message>, Receiver<Message>) = unbounded();
    let (to_client, outgoing): (Sender<Message>, Receiver<Message>) = unbounded();
    let reader_output = Arc::clone(&output);
    let reader = thread::spawn(move || {
        let mut input = input;
        while let Some(frame) = read_frame(&mut input, max_len)? {
            match frame {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        break;
                    }
                }
                Err(bad) => write_value(&reader_output, &error_frame(bad))?,
            }
        }
        Ok(())
    });
    let writer = thread::spawn(move || {
        for message in outgoing {
            let value = serde_json::to_value(&message).map_err(io::Error::other)?;
            let mut value = value;
            if let Value::Object(fields) = &mut value {
                fields.insert("jsonrpc".to_owned(), json!("2.0"));
            }
            write_value(&output, &value)?;
        }
        Ok(())
    });
    let connection = lsp_server::Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, Threads { reader, writer })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(text: &str) -> Vec<Result<Message, BadFrame>> {
        let mut input = io::Cursor::new(text.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut input, 100).expect("reads") {
            out.push(frame);
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_are_reported_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let text = [
            framed("{not json"),
            framed(r#"{"jsonrpc":"2.0","id":7,"params":3}"#),
            "X-Nothing: 1\r\n\r\n".to_owned(),
            framed(&format!("[{}]", "1,".repeat(60))),
            framed(good),
        ]
        .concat();
        let got = frames(&text);
        assert!(matches!(&got[0], Err(BadFrame::Parse(_))), "{:?}", got[0]);
        assert!(matches!(&got[1], Err(BadFrame::Invalid { id, .. }) if id == &json!(7)));
        assert!(matches!(&got[2], Err(BadFrame::Header(_))));
        assert!(matches!(&got[3], Err(BadFrame::Header(reason)) if reason.contains("over")));
        assert!(matches!(&got[4], Ok(Message::Notification(n)) if n.method == "initialized"));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn error_frames_carry_json_rpc_codes() {
        let parse = error_frame(BadFrame::Parse("eof".to_owned()));
        assert_eq!(parse["id"], Value::Null);
        assert_eq!(parse["error"]["code"], json!(-32700));
        let invalid = error_frame(BadFrame::Invalid {
            id: json!({"not": "an id"}),
            reason: "x".to_owned(),
        });
        assert_eq!(invalid["id"], Value::Null);
        assert_eq!(invalid["error"]["code"], json!(-32600));
    }
}
