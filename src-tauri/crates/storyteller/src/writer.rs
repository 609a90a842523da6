//! Fills the story templates with one story's cast, remembering what has been said (the hero is
//! introduced in full once, then by a shorter name) so the text reads like one voice.

use crate::age::Band;
use crate::cast::Cast;
use crate::grammar::{possessive, sentence_case, tidy};
use crate::lexicon::{self, Pronoun};
use crate::rng::Rng;
use crate::template::{self, Filler};

/// Every slot a template may use.
#[cfg(test)]
pub(crate) const SLOTS: [&str; 46] = [
    "hero",
    "hero_full",
    "hero_s",
    "hero_a",
    "hero_p",
    "hero_sp",
    "hero_bare",
    "hero_core",
    "hero_core_p",
    "thing",
    "noun",
    "it",
    "its",
    "it_o",
    "it_was",
    "was",
    "I",
    "me",
    "my",
    "am",
    "we",
    "group",
    "group_was",
    "they",
    "their",
    "them",
    "they_were",
    "went",
    "go",
    "going",
    "refrain",
    "name",
    "name_p",
    "pet",
    "pet_s",
    "pet_did",
    "place",
    "setting",
    "in_setting",
    "color",
    "color2",
    "color_like",
    "mood",
    "feeling",
    "helper_a",
    "helper",
];

/// Every condition key a template may test.
#[cfg(test)]
pub(crate) const KEYS: [&str; 12] = [
    "name",
    "artist",
    "kid",
    "pet",
    "place",
    "color",
    "mood",
    "atmosphere",
    "setting",
    "plural",
    "proper",
    "helper_met",
];

/// Slots that name something the parent may leave empty, with the key that must guard them.
#[cfg(test)]
pub(crate) const GUARDED: [(&str, &[&str]); 6] = [
    ("name", &["name", "artist", "kid"]),
    ("name_p", &["name", "artist", "kid"]),
    ("pet", &["pet"]),
    ("pet_s", &["pet"]),
    ("pet_did", &["pet"]),
    ("place", &["place"]),
];

pub(crate) struct Writer<'a> {
    cast: &'a Cast,
    band: Band,
    rng: Rng,
    hero_introduced: bool,
    pet_introduced: bool,
    helper_introduced: bool,
    thing: &'static str,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(cast: &'a Cast, band: Band, thing: &'static str, rng: Rng) -> Self {
        Self {
            cast,
            band,
            rng,
            hero_introduced: false,
            pet_introduced: false,
            helper_introduced: false,
            thing,
        }
    }

    pub(crate) fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// Fills one template. A template that cannot be read gives `None` (the tests make sure
    /// none of ours is like that).
    pub(crate) fn write(&mut self, text: &'static str) -> Option<String> {
        let mut out = String::new();
        self.render_into(text, &mut out)?;
        let out = sentence_case(&tidy(&out));
        (!out.is_empty()).then_some(out)
    }

    /// Fills one of several templates, chosen at random, falling back to the others.
    pub(crate) fn write_one_of(&mut self, options: &[&'static str]) -> Option<String> {
        let start = self.rng.below(options.len());
        (0..options.len()).find_map(|offset| {
            let index = (start + offset) % options.len();
            options.get(index).and_then(|text| self.write(text))
        })
    }

    /// Fills a telling: its sentence templates, one after another, as one scene.
    pub(crate) fn write_telling(&mut self, telling: &[&'static str]) -> Option<String> {
        let mut out = String::new();
        for (index, sentence) in telling.iter().enumerate() {
            if index > 0 {
                out.push(' ');
            }
            self.render_into(sentence, &mut out)?;
        }
        let out = sentence_case(&tidy(&out));
        (!out.is_empty()).then_some(out)
    }

    fn render_into(&mut self, text: &'static str, out: &mut String) -> Option<()> {
        let nodes = template::parsed(text)?;
        template::render(&nodes, self, out);
        Some(())
    }

    fn hero_mention(&mut self) -> String {
        let hero = &self.cast.hero;
        if !self.hero_introduced {
            self.hero_introduced = true;
            return hero.full.clone();
        }
        let core_is_long = hero.core.split(' ').count() > 3;
        if self.band == Band::Toddler && core_is_long {
            hero.short.clone()
        } else {
            hero.core.clone()
        }
    }

    fn hero_short(&mut self) -> String {
        if !self.hero_introduced {
            return self.hero_mention();
        }
        self.cast.hero.short.clone()
    }

    /// The pet in full the first time ("Biscuit the dog"), then by its short name.
    fn pet_mention(&mut self) -> String {
        match &self.cast.pet {
            Some(pet) if !self.pet_introduced => {
                self.pet_introduced = true;
                pet.full.clone()
            }
            Some(pet) => pet.short.clone(),
            None => "a puppy".to_string(),
        }
    }

    fn pronoun_forms(&self) -> [&'static str; 4] {
        match self.cast.hero.pronoun {
            Pronoun::It => ["it", "its", "it", "it was"],
            Pronoun::He => ["he", "his", "him", "he was"],
            Pronoun::She => ["she", "her", "her", "she was"],
            Pronoun::They => ["they", "their", "them", "they were"],
        }
    }

    fn child_name(&self) -> String {
        self.cast.child.clone().unwrap_or_else(|| "the little artist".to_string())
    }
}

impl Filler for Writer<'_> {
    fn band(&self) -> Band {
        self.band
    }

    fn choose(&mut self, options: usize) -> usize {
        self.rng.below(options)
    }

    fn has(&self, key: &str) -> bool {
        let cast = self.cast;
        match key {
            "name" => cast.child.is_some(),
            // The child is named as the one who drew the hero, unless the hero is the child.
            "artist" => cast.child.is_some() && !cast.hero_is_child,
            "kid" => cast.child_along,
            "pet" => cast.pet.is_some(),
            "place" => cast.place.is_some(),
            "color" => cast.color_given,
            "mood" => cast.mood_given,
            // The drawing's mood describes a place or a day ("mysterious"), not a feeling.
            "atmosphere" => cast.mood_given && cast.feeling != cast.mood,
            "setting" => cast.setting_given,
            "plural" => cast.hero.plural,
            "proper" => cast.hero.proper,
            "helper_met" => self.helper_introduced,
            _ => false,
        }
    }

    fn slot(&mut self, name: &str) -> String {
        let cast = self.cast;
        let hero = &cast.hero;
        let [it, its, it_o, it_was] = self.pronoun_forms();
        let plural = hero.plural;
        let group = cast.child_along;
        match name {
            "hero" => self.hero_mention(),
            "hero_full" => {
                self.hero_introduced = true;
                hero.full.clone()
            }
            "hero_s" => self.hero_short(),
            "hero_a" => {
                self.hero_introduced = true;
                hero.indefinite.clone()
            }
            "hero_p" => {
                let mention = self.hero_mention();
                possessive(&mention, plural)
            }
            "hero_sp" => {
                let mention = self.hero_short();
                possessive(&mention, plural)
            }
            "hero_bare" => hero.bare.clone(),
            "hero_core" => hero.core.clone(),
            "hero_core_p" => possessive(&hero.core, plural),
            "thing" => self.thing.to_string(),
            "noun" => hero.noun.clone(),
            "it" => it.to_string(),
            "its" => its.to_string(),
            "it_o" => it_o.to_string(),
            "it_was" => it_was.to_string(),
            "was" => if plural { "were" } else { "was" }.to_string(),
            "I" => if plural { "we" } else { "I" }.to_string(),
            "me" => if plural { "us" } else { "me" }.to_string(),
            "my" => if plural { "our" } else { "my" }.to_string(),
            "am" => if plural { "are" } else { "am" }.to_string(),
            "we" => if plural || group || cast.pet.is_some() { "we" } else { "I" }.to_string(),
            "group" => {
                let mention = self.hero_mention();
                if group {
                    format!("{} and {mention}", self.child_name())
                } else {
                    mention
                }
            }
            "group_was" => if group || plural { "were" } else { "was" }.to_string(),
            "they" => if group { "they" } else { it }.to_string(),
            "their" => if group { "their" } else { its }.to_string(),
            "them" => if group { "them" } else { it_o }.to_string(),
            "they_were" => if group { "they were" } else { it_was }.to_string(),
            "went" => self.rng.pick(hero.motion.went()).copied().unwrap_or("went").to_string(),
            "go" => hero.motion.go().to_string(),
            "going" => hero.motion.going().to_string(),
            "refrain" => cast.refrain.clone(),
            "name" => self.child_name(),
            "name_p" => possessive(&self.child_name(), false),
            "pet" | "pet_s" => self.pet_mention(),
            "pet_did" => {
                let actions = cast.pet.as_ref().map_or(&lexicon::PET_GENERIC_ACTIONS[..], |p| p.actions);
                self.rng.pick(actions).copied().unwrap_or("wiggled happily").to_string()
            }
            "place" => cast.place.clone().unwrap_or_else(|| "a faraway place".to_string()),
            "setting" => cast.setting.noun_phrase.clone(),
            "in_setting" => cast.setting.location.clone(),
            "color" => cast.colors[0].clone(),
            "color2" => cast.colors[1].clone(),
            "color_like" => {
                let likeness = lexicon::color_likeness(&cast.colors[0]);
                self.rng.pick(likeness).copied().unwrap_or("a rainbow").to_string()
            }
            "mood" => cast.mood.clone(),
            "feeling" => cast.feeling.clone(),
            "helper_a" => {
                self.helper_introduced = true;
                cast.helper.0.clone()
            }
            "helper" => {
                if self.helper_introduced {
                    cast.helper.1.clone()
                } else {
                    self.helper_introduced = true;
                    cast.helper.0.clone()
                }
            }
            _ => String::new(),
        }
    }
}
