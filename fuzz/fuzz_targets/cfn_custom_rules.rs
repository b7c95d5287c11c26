//! Loading a custom template rule file never panics, whatever the text, and the rules it yields
//! run on a template (with a loop and SAM Globals) without panicking.
#![no_main]

use palisade_cfn::{custom::parse_file, scan_text, ScanOptions};
use palisade_doc::Format;

const TEMPLATE: &str = "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  P: {Type: String}
Globals:
  Function: {Timeout: 900, Tags: {a: b}}
Resources:
  Fn::ForEach::L:
    - X
    - [a, b]
    - B${X}:
        Type: AWS::S3::Bucket
        Properties:
          Tags: [{Key: !Ref X, Value: !Ref P}]
          VersioningConfiguration: {Status: Enabled}
  F:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Layers: [a, b]}
";

libfuzzer_sys::fuzz_target!(|text: &str| {
    let (custom, _errors) = parse_file("fuzz.yaml", text);
    if custom.is_empty() {
        return;
    }
    let opts = ScanOptions {
        custom,
        ..ScanOptions::default()
    };
    drop(scan_text("t.yaml", TEMPLATE, Format::Yaml, &opts));
});
