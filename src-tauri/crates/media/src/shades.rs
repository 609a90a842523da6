//! From colour clusters to the entries a parent reads: shades close enough to be one marker,
//! and the soft edges of a stroke, become one entry (their shares added), and shades of one
//! colour that stay apart are told apart with "light" and "dark", so no two entries carry the
//! same name.

/// One colour cluster: its mean in CIE L*a*b* and how many ink samples it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Shade {
    pub lab: [f32; 3],
    pub count: usize,
}

/// Shades closer than this (CIE76 distance) are one colour to a parent: the light edge and
/// the dark core of one crayon stroke, or a marker pressed harder.
pub(crate) const CLOSE_SHADES: f32 = 12.0;
/// A shade of a colour word holding less than this share of all the ink is the soft edge of
/// a stroke of that colour, where the ink thins out over the paper, not a colour of its own.
const MINOR_SHADE: f32 = 0.15;
/// At most this many entries share a colour word: light, plain and dark.
const MAX_SHADES_PER_NAME: usize = 3;
/// Colour words that are already a lightness; their shades are always one entry.
const LIGHTNESS_WORDS: [&str; 2] = ["black", "white"];

/// The shades merged and named: each entry's words are unique. `name` gives the plain colour
/// word of a L*a*b* colour. Largest first.
pub(crate) fn distinct_shades(
    shades: &[Shade],
    name: impl Fn([f32; 3]) -> &'static str,
) -> Vec<(Shade, String)> {
    let mut shades: Vec<Shade> = shades.iter().copied().filter(|shade| shade.count > 0).collect();
    while let Some((i, j)) =
        closest_pair(&shades).filter(|&(i, j)| distance(shades[i].lab, shades[j].lab) < CLOSE_SHADES)
    {
        shades[i] = merged(shades[i], shades[j]);
        shades.remove(j);
    }

    let mut groups: Vec<(&'static str, Vec<Shade>)> = Vec::new();
    for shade in shades {
        let word = name(shade.lab);
        match groups.iter_mut().find(|(group, _)| *group == word) {
            Some((_, members)) => members.push(shade),
            None => groups.push((word, vec![shade])),
        }
    }

    let total: usize = groups.iter().flat_map(|(_, members)| members).map(|shade| shade.count).sum();
    let mut named = Vec::new();
    for (word, mut members) in groups {
        merge_minor_shades(&mut members, total);
        let keep = if LIGHTNESS_WORDS.contains(&word) { 1 } else { MAX_SHADES_PER_NAME };
        while members.len() > keep {
            let Some((i, j)) = closest_pair(&members) else { break };
            members[i] = merged(members[i], members[j]);
            members.remove(j);
        }
        named.extend(qualified(word, members));
    }
    named.sort_by_key(|(shade, _)| std::cmp::Reverse(shade.count));
    named
}

/// Folds each shade holding less than `MINOR_SHADE` of all the ink into the nearest larger
/// shade of the same colour word, smallest first.
fn merge_minor_shades(members: &mut Vec<Shade>, total: usize) {
    let minor = |shade: &Shade| (shade.count as f32) < MINOR_SHADE * total as f32;
    let smallest_minor = |members: &[Shade]| {
        (0..members.len()).filter(|&i| minor(&members[i])).min_by_key(|&i| members[i].count)
    };
    while let Some(smallest) = smallest_minor(members) {
        let nearest_larger = (0..members.len())
            .filter(|&i| i != smallest && members[i].count >= members[smallest].count)
            .min_by(|&a, &b| {
                let from = members[smallest].lab;
                distance(from, members[a].lab).total_cmp(&distance(from, members[b].lab))
            });
        let Some(into) = nearest_larger else { break };
        members[into] = merged(members[into], members[smallest]);
        members.remove(smallest);
    }
}

/// Names shades that share one colour word: alone it is plain; of two, the larger keeps the
/// plain word and the other is lighter or darker than it; of three, lightest to darkest.
fn qualified(word: &str, mut members: Vec<Shade>) -> Vec<(Shade, String)> {
    let light = || format!("light {word}");
    let dark = || format!("dark {word}");
    members.sort_by(|a, b| b.lab[0].total_cmp(&a.lab[0]));
    match members.as_slice() {
        [only] => vec![(*only, word.to_owned())],
        [lighter, darker] => {
            if lighter.count > darker.count {
                vec![(*lighter, word.to_owned()), (*darker, dark())]
            } else {
                vec![(*lighter, light()), (*darker, word.to_owned())]
            }
        }
        _ => {
            let last = members.len() - 1;
            members
                .iter()
                .enumerate()
                .map(|(rank, shade)| {
                    let name = match rank {
                        0 => light(),
                        r if r == last => dark(),
                        _ => word.to_owned(),
                    };
                    (*shade, name)
                })
                .collect()
        }
    }
}

fn distance(a: [f32; 3], b: [f32; 3]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// The indexes (i < j) of the two closest shades.
fn closest_pair(shades: &[Shade]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, f32)> = None;
    for i in 0..shades.len() {
        for j in i + 1..shades.len() {
            let d = distance(shades[i].lab, shades[j].lab);
            if best.is_none_or(|(_, _, nearest)| d < nearest) {
                best = Some((i, j, d));
            }
        }
    }
    best.map(|(i, j, _)| (i, j))
}

/// Two shades as one: the mean colour weighted by their counts.
fn merged(a: Shade, b: Shade) -> Shade {
    let total = (a.count + b.count).max(1) as f32;
    let mix = |c: usize| (a.lab[c] * a.count as f32 + b.lab[c] * b.count as f32) / total;
    Shade { lab: [mix(0), mix(1), mix(2)], count: a.count + b.count }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shade(lightness: f32, a: f32, count: usize) -> Shade {
        Shade { lab: [lightness, a, 0.0], count }
    }

    fn names(named: &[(Shade, String)]) -> Vec<&str> {
        named.iter().map(|(_, name)| name.as_str()).collect()
    }

    #[test]
    fn close_shades_are_one_entry_with_their_counts_added() {
        let shades = [shade(60.0, 40.0, 50), shade(64.0, 38.0, 30), shade(57.0, 43.0, 20)];
        let named = distinct_shades(&shades, |_| "pink");
        assert_eq!(names(&named), ["pink"]);
        assert_eq!(named[0].0.count, 100);
        let lightness = named[0].0.lab[0];
        assert!((lightness - (60.0 * 50.0 + 64.0 * 30.0 + 57.0 * 20.0) / 100.0).abs() < 1e-3, "{named:?}");
    }

    #[test]
    fn two_shades_apart_keep_the_plain_word_for_the_larger() {
        let named = distinct_shades(&[shade(80.0, 30.0, 70), shade(45.0, 50.0, 30)], |_| "pink");
        assert_eq!(names(&named), ["pink", "dark pink"]);
        let named = distinct_shades(&[shade(80.0, 30.0, 30), shade(45.0, 50.0, 70)], |_| "pink");
        assert_eq!(names(&named), ["pink", "light pink"]);
    }

    #[test]
    fn three_shades_apart_are_light_plain_and_dark() {
        let shades = [shade(55.0, 40.0, 50), shade(85.0, 20.0, 30), shade(30.0, 45.0, 20)];
        let named = distinct_shades(&shades, |_| "pink");
        assert_eq!(names(&named), ["pink", "light pink", "dark pink"]);
    }

    #[test]
    fn more_shades_of_one_colour_than_light_plain_and_dark_are_merged_down_to_three() {
        let shades: Vec<Shade> = (0..6).map(|i| shade(20.0 + 14.0 * i as f32, 40.0, 10)).collect();
        let named = distinct_shades(&shades, |_| "blue");
        let mut words = names(&named);
        words.sort_unstable();
        assert_eq!(words, ["blue", "dark blue", "light blue"]);
        assert_eq!(named.iter().map(|(shade, _)| shade.count).sum::<usize>(), 60);
    }

    #[test]
    fn a_small_lighter_shade_is_the_soft_edge_of_the_stroke() {
        let named = distinct_shades(&[shade(40.0, 50.0, 88), shade(75.0, 25.0, 12)], |_| "purple");
        assert_eq!(names(&named), ["purple"]);
        assert_eq!(named[0].0.count, 100);
        let other_colour = distinct_shades(&[shade(40.0, 50.0, 88), shade(75.0, -40.0, 12)], |lab| {
            if lab[1] > 0.0 {
                "purple"
            } else {
                "green"
            }
        });
        assert_eq!(names(&other_colour), ["purple", "green"], "a small patch of another colour stays");
    }

    #[test]
    fn black_and_white_are_never_lighter_or_darker() {
        let named = distinct_shades(&[shade(5.0, 0.0, 50), shade(30.0, 0.0, 40)], |_| "black");
        assert_eq!(names(&named), ["black"]);
        assert_eq!(named[0].0.count, 90);
    }

    #[test]
    fn different_colours_keep_their_own_words() {
        let named = distinct_shades(&[shade(50.0, 60.0, 60), shade(50.0, -60.0, 40)], |lab| {
            if lab[1] > 0.0 {
                "red"
            } else {
                "green"
            }
        });
        assert_eq!(names(&named), ["red", "green"]);
    }

    #[test]
    fn empty_shades_are_left_out() {
        assert!(distinct_shades(&[shade(50.0, 0.0, 0)], |_| "grey").is_empty());
        assert!(distinct_shades(&[], |_| "grey").is_empty());
    }
}
