//! Scenes drawn from their plans: every planned element is in the picture and nothing else is
//! claimed, the sky follows the time of day whatever the mood, the weather shows, and the same
//! plan and seed always draw the same picture.

mod support;

use model::{ScenePlan, Style, TimeOfDay, Weather};
use planner::ELEMENTS;
use render::{prepare_figure, render_scene, PreparedFigure};
use support::{band_luminance, drawing_with_mask, mean_difference, plan, spec_of};

const SETTINGS: [&str; 9] =
    ["forest", "garden", "beach", "castle", "outer space", "bedroom", "farm", "park", "a sunny meadow"];
const OUTDOORS: [&str; 7] = ["forest", "garden", "beach", "castle", "farm", "park", "a sunny meadow"];

fn boy() -> PreparedFigure {
    let (drawing, mask) = drawing_with_mask("boy-purple");
    prepare_figure(&drawing, &mask).expect("boy-purple prepares")
}

fn with(mut plan: ScenePlan, characters: &[&str], props: &[&str]) -> ScenePlan {
    plan.characters.extend(characters.iter().map(|c| c.to_string()));
    plan.props.extend(props.iter().map(|p| p.to_string()));
    plan
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

#[test]
fn every_planned_element_is_drawn_and_nothing_else_is_claimed() {
    // The whole catalogue, a few elements a scene, over every kind of setting and time of day.
    let figure = boy();
    let characters: Vec<&str> = ELEMENTS.iter().filter(|e| e.kind.is_character()).map(|e| e.name).collect();
    let props: Vec<&str> = ELEMENTS.iter().filter(|e| !e.kind.is_character()).map(|e| e.name).collect();
    let (per_scene_characters, per_scene_props) = (3, 6);
    let scenes = characters.len().div_ceil(per_scene_characters).max(props.len().div_ceil(per_scene_props));
    for k in 0..scenes {
        let chunk = |names: &[&'static str], per: usize| -> Vec<&'static str> {
            names.iter().skip(k * per).take(per).copied().collect()
        };
        let time = TimeOfDay::ALL[k % TimeOfDay::ALL.len()];
        let setting = SETTINGS[k % SETTINGS.len()];
        let plan = with(
            plan(setting, "", time),
            &chunk(&characters, per_scene_characters),
            &chunk(&props, per_scene_props),
        );
        let planned: Vec<String> = plan.elements().map(String::from).collect();
        let layers = render_scene(&figure, &spec_of(k % 4, 4, Style::Storybook, plan, 40 + k as u64))
            .expect("renders");
        assert_eq!(
            sorted(layers.drawn),
            sorted(planned),
            "scene {k} at the {setting} in the {}",
            time.as_str()
        );
    }
}

#[test]
fn elements_change_the_picture_and_leave_the_hero_alone() {
    let figure = boy();
    let alone =
        render_scene(&figure, &spec_of(1, 4, Style::Storybook, plan("park", "", TimeOfDay::Midday), 5))
            .expect("renders");
    let busy_plan = with(plan("park", "", TimeOfDay::Midday), &["dog", "owl"], &["house", "kite", "teapot"]);
    let busy = render_scene(&figure, &spec_of(1, 4, Style::Storybook, busy_plan, 5)).expect("renders");
    assert!(alone.drawn.is_empty());
    assert!(mean_difference(&alone.background, &busy.background) > 3.0, "the elements show in the picture");
    assert_eq!(alone.figure, busy.figure, "the hero is drawn the same");
    assert_eq!((alone.start, alone.end), (busy.start, busy.end), "the hero stands in the same place");
}

#[test]
fn the_sky_follows_the_time_of_day_whatever_the_mood() {
    let figure = boy();
    let sky = |setting: &str, mood: &str, time: TimeOfDay| {
        let layers = render_scene(&figure, &spec_of(0, 4, Style::Storybook, plan(setting, mood, time), 12))
            .expect("renders");
        band_luminance(&layers.background, 0..110)
    };
    for setting in OUTDOORS {
        let (night, midday) = (sky(setting, "", TimeOfDay::Night), sky(setting, "", TimeOfDay::Midday));
        assert!(night < 70.0, "the night sky at the {setting} is dark ({night:.0})");
        assert!(midday > 135.0, "the midday sky at the {setting} is bright ({midday:.0})");
    }
    for mood in ["cheerful", "calm", "mysterious", "sad", "sleepy"] {
        let (night, midday) = (sky("meadow", mood, TimeOfDay::Night), sky("meadow", mood, TimeOfDay::Midday));
        assert!(night < 70.0, "a {mood} night is dark ({night:.0})");
        assert!(midday > 135.0, "a {mood} midday is bright ({midday:.0})");
    }
    let evening = sky("meadow", "", TimeOfDay::Evening);
    let morning = sky("meadow", "", TimeOfDay::Morning);
    assert!(
        evening > sky("meadow", "", TimeOfDay::Night) && evening < morning,
        "dusk is between night and day"
    );
}

#[test]
fn every_kind_of_weather_shows() {
    let figure = boy();
    let picture = |weather: Weather| {
        let mut plan = plan("a sunny meadow", "", TimeOfDay::Afternoon);
        plan.weather = weather;
        render_scene(&figure, &spec_of(2, 4, Style::Storybook, plan, 9)).expect("renders").background
    };
    let clear = picture(Weather::Clear);
    for weather in
        [Weather::Cloudy, Weather::Windy, Weather::Rain, Weather::Snow, Weather::Fog, Weather::Rainbow]
    {
        let difference = mean_difference(&clear, &picture(weather));
        assert!(difference > 2.0, "{} looks like a clear day ({difference:.2})", weather.as_str());
    }
    let rain = picture(Weather::Rain);
    assert!(band_luminance(&rain, 0..110) < band_luminance(&clear, 0..110), "rain darkens the sky");
}

#[test]
fn the_same_plan_and_seed_draw_the_same_picture() {
    let figure = boy();
    let busy = with(
        plan("forest", "mysterious", TimeOfDay::Evening),
        &["fox", "grandma", "bee"],
        &["tree", "lantern", "moon"],
    );
    let spec = spec_of(2, 5, Style::Watercolor, busy, 77);
    let first = render_scene(&figure, &spec).expect("renders");
    let again = render_scene(&figure, &spec).expect("renders");
    assert_eq!(first.background, again.background);
    assert_eq!(first.figure, again.figure);
    assert_eq!(first.drawn, again.drawn);
    assert_eq!((first.start, first.end), (again.start, again.end));
    let other_seed =
        render_scene(&figure, &spec_of(2, 5, Style::Watercolor, spec.plan.clone(), 78)).expect("renders");
    assert!(
        mean_difference(&first.background, &other_seed.background) > 1.0,
        "another story looks different"
    );
}

#[test]
fn the_childs_figure_is_never_mirrored() {
    let figure = boy();
    for (k, setting) in SETTINGS.iter().enumerate() {
        let plan = with(plan(setting, "", TimeOfDay::ALL[k % 5]), &["cat"], &[]);
        let layers = render_scene(&figure, &spec_of(k, SETTINGS.len(), Style::Crayon, plan, 1000 + k as u64))
            .expect("renders");
        assert!(!layers.start.flip && !layers.end.flip, "the figure is mirrored at the {setting}");
    }
}
