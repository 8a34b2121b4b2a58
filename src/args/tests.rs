//! Tests of the command-line arguments.

use super::*;
use solver::{EnumMode, OptMode, OptStrategy, OutputFormat, ParallelMode};

fn parse(args: &[&str]) -> Cli {
    let argv = std::iter::once("sable")
        .chain(args.iter().copied())
        .map(String::from);
    Cli::try_parse_from(normalize(argv)).expect("parses")
}

#[test]
fn models_attached_and_separate() {
    let cli = parse(&["prog.lp", "-n0"]);
    assert_eq!(cli.run.solve.models, Some(0));
    assert_eq!(cli.run.files, vec!["prog.lp"]);
    let cli = parse(&["-n", "3", "prog.lp"]);
    assert_eq!(cli.run.solve.models, Some(3));
}

#[test]
fn verbose_zero_attached() {
    let cli = parse(&["-V0", "prog.lp"]);
    assert_eq!(cli.run.solve.to_options(None).unwrap().verbose, 0);
    assert_eq!(cli.run.files, vec!["prog.lp"]);
}

#[test]
fn bare_number_is_models() {
    let (files, models) = split_files(&["a.lp".into(), "0".into()]).unwrap();
    assert_eq!(files, vec!["a.lp"]);
    assert_eq!(models, Some(0));
    assert!(split_files(&["1".into(), "2".into()]).is_err());
}

#[test]
fn quiet_alone_and_with_levels() {
    let cli = parse(&["-q", "prog.lp"]);
    let opts = cli.run.solve.to_options(None).unwrap();
    assert_eq!(opts.quiet, [2, 2, 2]);
    assert_eq!(cli.run.files, vec!["prog.lp"]);
    let cli = parse(&["--quiet=1", "prog.lp"]);
    assert_eq!(cli.run.solve.to_options(None).unwrap().quiet, [1, 1, 2]);
    let cli = parse(&["--quiet=0,1,3"]);
    assert!(cli.run.solve.to_options(None).is_err());
}

#[test]
fn threads_and_mode() {
    let opts = parse(&["-t", "4,split"])
        .run
        .solve
        .to_options(None)
        .unwrap();
    assert_eq!((opts.threads, opts.parallel_mode), (4, ParallelMode::Split));
    assert!(parse(&["-t", "2,sideways"])
        .run
        .solve
        .to_options(None)
        .is_err());
    assert!(parse(&["-t", "0"]).run.solve.to_options(None).is_err());
}

#[test]
fn opt_strategy() {
    let strategy = |args: &[&str]| {
        parse(args)
            .run
            .solve
            .to_options(None)
            .map(|o| o.opt_strategy)
    };
    assert_eq!(
        strategy(&["--opt-strategy=usc"]).unwrap(),
        OptStrategy::CoreGuided
    );
    assert_eq!(
        strategy(&["--opt-strategy=bb,lin"]).unwrap(),
        OptStrategy::BranchAndBound
    );
    assert_eq!(strategy(&[]).unwrap(), OptStrategy::BranchAndBound);
    assert!(strategy(&["--opt-strategy=best"]).is_err());
}

#[test]
fn opt_mode_with_bounds() {
    let opts = parse(&["--opt-mode=optN,5,-2"])
        .run
        .solve
        .to_options(None)
        .unwrap();
    assert_eq!(opts.opt_mode, OptMode::OptN);
    assert_eq!(opts.opt_bounds, vec![5, -2]);
    assert!(parse(&["--opt-mode=best"])
        .run
        .solve
        .to_options(None)
        .is_err());
}

#[test]
fn enum_mode_project_and_outf() {
    let opts = parse(&["--enum-mode=cautious", "--project", "--outf=2"])
        .run
        .solve
        .to_options(None)
        .unwrap();
    assert_eq!(opts.enum_mode, EnumMode::Cautious);
    assert!(opts.project);
    assert_eq!(opts.output_format, OutputFormat::Json);
    assert!(parse(&["--outf=7"]).run.solve.to_options(None).is_err());
}

#[test]
fn subcommands() {
    let cli = parse(&["ground", "a.lp", "-c", "n=3", "--text"]);
    match cli.command {
        Some(Command::Ground(g)) => {
            assert!(g.text);
            assert_eq!(
                parse_consts(&g.grounder.consts).unwrap(),
                vec![("n".to_string(), "3".to_string())]
            );
        }
        other => panic!("expected ground, got {other:?}"),
    }
    let cli = parse(&["solve", "-", "-n0"]);
    match cli.command {
        Some(Command::Solve(s)) => {
            assert_eq!(s.files, vec!["-"]);
            assert_eq!(s.solve.models, Some(0));
        }
        other => panic!("expected solve, got {other:?}"),
    }
}

#[test]
fn bad_const_is_an_error() {
    assert!(parse_consts(&["n".into()]).is_err());
    assert!(parse_consts(&["=3".into()]).is_err());
    assert!(parse_consts(&["N=3".into()]).is_err());
    assert!(parse_consts(&["1=2".into()]).is_err());
    assert!(parse_consts(&["_n'1=2".into()]).is_ok());
}

#[test]
fn warnings_are_checked() {
    let args = |w: &str| GrounderArgs {
        warn: vec![w.into()],
        ..GrounderArgs::default()
    };
    assert!(check_grounder_args(&args("none")).is_ok());
    assert!(check_grounder_args(&args("no-atom-undefined,other")).is_ok());
    assert!(check_grounder_args(&args("bogus")).is_err());
    assert!(check_grounder_args(&args("no-bogus")).is_err());
}

#[test]
fn clasp_options_accepted_or_refused() {
    let ok = |args: &[&str]| parse(args).run.solve.to_options(None).is_ok();
    assert!(ok(&[
        "--configuration=trendy",
        "--sign-def=neg",
        "--restarts=L,100"
    ]));
    assert!(ok(&[
        "--rand-freq=0.02",
        "--eq=0",
        "--sat-prepro=2,iter=20,occ=25"
    ]));
    assert!(ok(&["--sat-prepro", "--restarts=x,100,1.5", "--eq=-1"]));
    assert!(!ok(&["--configuration=n=5"]));
    assert!(!ok(&["--configuration=fast"]));
    assert!(!ok(&["--restarts=Q,1"]));
    assert!(!ok(&["--rand-freq=2"]));
    assert!(!ok(&["--solve-limit=100"]));
    assert!(!ok(&["--supp-models"]));
    assert!(!ok(&["--out-ifs=,"]));
    assert!(!ok(&["--time-limit=9223372036854775807"]));
}
