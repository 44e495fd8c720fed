//! Which files `eqscore check` reads: the paths given, directories walked with
//! ripgrep's walker (`ignore`: `.gitignore`, `.ignore`, hidden files left
//! out), kept when their extension is a template kind and the config's
//! `include`/`exclude` globs allow them.
//!
//! Globs match paths relative to the config file's directory (the working
//! directory without one); `exclude` applies to files named on the command
//! line too, so a pre-commit hook that passes every staged file still skips
//! them.

use std::path::{Path, PathBuf};

use eqscore::template::TemplateKind;
use eqscore::{Error, ErrorKind};
use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use super::config::Config;

/// Decides whether a path is checked.
pub struct Filter {
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    /// The filter of `config`, whose globs are relative to `config.root`
    /// (or to `cwd`).
    pub fn new(config: &Config, cwd: &Path) -> Result<Filter, Error> {
        let root = cwd.join(&config.root);
        let include = (!config.include.is_empty())
            .then(|| globs(&config.include, "include"))
            .transpose()?;
        let exclude = globs(&config.exclude, "exclude")?;
        Ok(Filter {
            root,
            include,
            exclude,
        })
    }

    /// `path` relative to the config's directory, for glob matching.
    pub fn relative(&self, path: &Path, cwd: &Path) -> PathBuf {
        let absolute = cwd.join(path);
        absolute
            .strip_prefix(&self.root)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }

    fn allows(&self, path: &Path, cwd: &Path) -> bool {
        let relative = self.relative(path, cwd);
        let shown = path.to_string_lossy();
        TemplateKind::from_path(&shown).is_some()
            && !self.exclude.is_match(&relative)
            && self
                .include
                .as_ref()
                .is_none_or(|set| set.is_match(&relative))
    }
}

/// A glob set from `patterns`; `key` names the config key in errors.
pub fn globs(patterns: &[String], key: &str) -> Result<GlobSet, Error> {
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|e| Error::new(ErrorKind::Usage, format!("config: {key}: {pattern}: {e}")))?;
        set.add(glob);
    }
    set.build()
        .map_err(|e| Error::new(ErrorKind::Usage, format!("config: {key}: {e}")))
}

/// The files to check, in order, without repeats.
pub fn files(paths: &[PathBuf], filter: &Filter, cwd: &Path) -> Result<Vec<PathBuf>, Error> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, filter, cwd, &mut found)?;
        } else if !path.exists() {
            let shown = path.display();
            return Err(Error::new(
                ErrorKind::Io,
                format!("{shown}: no such file or directory"),
            ));
        } else if filter.allows(path, cwd) {
            found.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(p.clone()));
    Ok(found)
}

fn walk(dir: &Path, filter: &Filter, cwd: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let walker = WalkBuilder::new(dir)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| {
            let message = format!("{}: cannot read: {e}", dir.display());
            Error::new(ErrorKind::Io, message.replace('\n', " "))
        })?;
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        let path = entry.path().strip_prefix("./").unwrap_or(entry.path());
        if is_file && filter.allows(path, cwd) {
            found.push(path.to_path_buf());
        }
    }
    Ok(())
}
