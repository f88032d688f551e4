//! The shipped rule files, compiled into the binary so presswash works from any folder.
//!
//! Add a new file in `rules/` to this list too; a test fails until you do.

/// `(file name, TOML text)` of every file in `rules/`.
pub const FILES: &[(&str, &str)] = &[
    ("_default.toml", include_str!("../../rules/_default.toml")),
    ("itechpost.toml", include_str!("../../rules/itechpost.toml")),
    ("rt.toml", include_str!("../../rules/rt.toml")),
    (
        "trueactivist.toml",
        include_str!("../../rules/trueactivist.toml"),
    ),
    (
        "wordpress-comments.toml",
        include_str!("../../rules/wordpress-comments.toml"),
    ),
];
