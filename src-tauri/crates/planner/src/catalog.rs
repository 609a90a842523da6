//! Everything a story may name that its picture can show: each element's name (what the plan
//! and the renderer call it), its kind, and the words that name it in a sentence. A story word
//! that names a thing to draw belongs here, and the renderer has a drawing for every entry.

/// What kind of thing an element is; characters are `Animal` and `Person`, the rest are props.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Animal,
    Person,
    Object,
    Building,
    Nature,
    Sky,
}

impl Kind {
    pub fn is_character(self) -> bool {
        matches!(self, Kind::Animal | Kind::Person)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    pub name: &'static str,
    pub kind: Kind,
    /// Lowercase words or phrases that name it, singular and plural ("mouse", "mice").
    pub words: &'static [&'static str],
}

const fn element(name: &'static str, kind: Kind, words: &'static [&'static str]) -> Element {
    Element { name, kind, words }
}

use Kind::{Animal, Building, Nature, Object, Person, Sky};

/// The catalogue, in no particular order. Longer phrases win over the words inside them
/// ("teddy bear" is a toy, not a bear).
pub const ELEMENTS: &[Element] = &[
    // Animals
    element("owl", Animal, &["owl", "owls"]),
    element("rabbit", Animal, &["rabbit", "rabbits", "bunny", "bunnies"]),
    element("tortoise", Animal, &["tortoise", "tortoises"]),
    element("turtle", Animal, &["turtle", "turtles"]),
    element("squirrel", Animal, &["squirrel", "squirrels"]),
    element("robin", Animal, &["robin", "robins"]),
    element("bird", Animal, &["bird", "birds", "sparrow", "sparrows", "bluebird", "bluebirds"]),
    element("deer", Animal, &["deer", "fawn"]),
    element("crab", Animal, &["crab", "crabs"]),
    element("dolphin", Animal, &["dolphin", "dolphins"]),
    element("fish", Animal, &["fish", "fishes", "little fish", "goldfish"]),
    element("seagull", Animal, &["seagull", "seagulls", "gull", "gulls"]),
    element("mouse", Animal, &["mouse", "mice"]),
    element("dog", Animal, &["dog", "dogs", "puppy", "puppies", "pup"]),
    element("cat", Animal, &["cat", "cats", "kitten", "kittens", "kitty"]),
    element("duck", Animal, &["duck", "ducks", "duckling", "ducklings"]),
    element("frog", Animal, &["frog", "frogs"]),
    element("bear", Animal, &["bear", "bears"]),
    element("horse", Animal, &["horse", "horses", "pony", "ponies"]),
    element("cow", Animal, &["cow", "cows"]),
    element("pig", Animal, &["pig", "pigs", "piglet", "piglets"]),
    element("sheep", Animal, &["sheep", "lamb", "lambs"]),
    element("hen", Animal, &["hen", "hens", "chicken", "chickens", "chick", "chicks"]),
    element("fox", Animal, &["fox", "foxes"]),
    element("hedgehog", Animal, &["hedgehog", "hedgehogs"]),
    element("snail", Animal, &["snail", "snails"]),
    element("butterfly", Animal, &["butterfly", "butterflies"]),
    element("bee", Animal, &["bee", "bees", "bumblebee", "bumblebees"]),
    element("ladybird", Animal, &["ladybird", "ladybirds", "ladybug", "ladybugs"]),
    element("firefly", Animal, &["firefly", "fireflies"]),
    element("whale", Animal, &["whale", "whales"]),
    element("octopus", Animal, &["octopus", "octopuses"]),
    element("penguin", Animal, &["penguin", "penguins"]),
    element("dragon", Animal, &["dragon", "dragons"]),
    element("unicorn", Animal, &["unicorn", "unicorns"]),
    // People
    element("child", Person, &["child", "children", "kid", "kids", "boy", "girl"]),
    element("grandma", Person, &["grandma", "granny", "grandmother", "nana"]),
    element("grandpa", Person, &["grandpa", "grandad", "granddad", "grandfather"]),
    element("parent", Person, &["mum", "mom", "mummy", "mommy", "mother", "dad", "daddy", "father"]),
    element("king", Person, &["king", "kings"]),
    element("queen", Person, &["queen", "queens"]),
    element("knight", Person, &["knight", "knights"]),
    element("wizard", Person, &["wizard", "wizards"]),
    element("fairy", Person, &["fairy", "fairies"]),
    // Things
    element("kite", Object, &["kite", "kites"]),
    element("balloon", Object, &["balloon", "balloons"]),
    element("hat", Object, &["hat", "hats"]),
    element("scarf", Object, &["scarf", "scarves"]),
    element("teapot", Object, &["teapot", "teapots"]),
    element("cup", Object, &["cup", "cups", "teacup", "teacups", "mug"]),
    element("cake", Object, &["cake", "cakes", "cupcake", "cupcakes"]),
    element("book", Object, &["book", "books", "storybook"]),
    element("chest", Object, &["chest", "treasure chest", "box", "boxes"]),
    element("map", Object, &["map", "maps", "treasure map"]),
    element("blanket", Object, &["blanket", "blankets", "quilt"]),
    element("bed", Object, &["bed", "beds"]),
    element("pillow", Object, &["pillow", "pillows"]),
    element(
        "lantern",
        Object,
        &["lantern", "lanterns", "lamp", "lamps", "nightlight", "night-light", "night-lights"],
    ),
    element("boat", Object, &["boat", "boats", "little boat"]),
    element("clock", Object, &["clock", "clocks"]),
    element("ball", Object, &["ball", "balls"]),
    element("basket", Object, &["basket", "baskets", "picnic basket"]),
    element("shell", Object, &["shell", "shells", "seashell", "seashells"]),
    element("bench", Object, &["bench", "benches"]),
    element("key", Object, &["key", "keys"]),
    element("crown", Object, &["crown", "crowns"]),
    element("umbrella", Object, &["umbrella", "umbrellas"]),
    element("bucket", Object, &["bucket", "buckets", "pail", "spade"]),
    element("present", Object, &["present", "presents", "gift", "gifts"]),
    element("teddy", Object, &["teddy", "teddy bear", "teddy bears", "teddies"]),
    element("bell", Object, &["bell", "bells"]),
    element("gate", Object, &["gate", "gates"]),
    element("ladder", Object, &["ladder", "ladders"]),
    element("rocket", Object, &["rocket", "rockets", "spaceship"]),
    element("train", Object, &["train", "trains"]),
    element("car", Object, &["car", "cars"]),
    element("bicycle", Object, &["bicycle", "bicycles", "bike", "bikes"]),
    element("drum", Object, &["drum", "drums"]),
    element("bubbles", Object, &["bubble", "bubbles"]),
    element("candle", Object, &["candle", "candles"]),
    element("telescope", Object, &["telescope", "telescopes"]),
    element("apple", Object, &["apple", "apples"]),
    element("strawberry", Object, &["strawberry", "strawberries"]),
    element("cookie", Object, &["cookie", "cookies", "biscuit", "biscuits"]),
    element("sandwich", Object, &["sandwich", "sandwiches"]),
    element("acorn", Object, &["acorn", "acorns"]),
    element("feather", Object, &["feather", "feathers"]),
    element("leaf", Object, &["leaf", "leaves"]),
    element("flag", Object, &["flag", "flags"]),
    element("stick", Object, &["stick", "sticks"]),
    element("letter", Object, &["letter", "letters", "note"]),
    // Buildings
    element("house", Building, &["house", "houses", "cottage", "cottages"]),
    element("tower", Building, &["tower", "towers"]),
    element("castle", Building, &["castle", "castles", "palace"]),
    element("bridge", Building, &["bridge", "bridges"]),
    element("tent", Building, &["tent", "tents"]),
    element("barn", Building, &["barn", "barns"]),
    element("lighthouse", Building, &["lighthouse", "lighthouses"]),
    element("windmill", Building, &["windmill", "windmills"]),
    element("treehouse", Building, &["treehouse", "tree house"]),
    element("nest", Building, &["nest", "nests"]),
    // Nature
    element(
        "tree",
        Nature,
        &["tree", "trees", "oak", "oak tree", "apple tree", "branch", "branches", "treetops"],
    ),
    element(
        "flower",
        Nature,
        &[
            "flower",
            "flowers",
            "daisy",
            "daisies",
            "tulip",
            "tulips",
            "rose",
            "roses",
            "buttercup",
            "buttercups",
        ],
    ),
    element("bush", Nature, &["bush", "bushes", "hedge", "ferns", "fern"]),
    element("rock", Nature, &["rock", "rocks", "stone", "stones", "pebble", "pebbles", "boulder"]),
    element("pond", Nature, &["pond", "ponds", "puddle", "puddles"]),
    element("river", Nature, &["river", "rivers", "stream", "brook"]),
    element("hill", Nature, &["hill", "hills", "hilltop"]),
    element("mountain", Nature, &["mountain", "mountains"]),
    element("cave", Nature, &["cave", "caves", "tunnel"]),
    element("mushroom", Nature, &["mushroom", "mushrooms", "toadstool", "toadstools"]),
    element("waterfall", Nature, &["waterfall", "waterfalls"]),
    // The sky
    element("sun", Sky, &["sun"]),
    element("moon", Sky, &["moon"]),
    element("star", Sky, &["star", "stars"]),
    element("cloud", Sky, &["cloud", "clouds"]),
    element("comet", Sky, &["comet", "comets", "shooting star"]),
    element("rainbow", Sky, &["rainbow", "rainbows"]),
];

/// The element called `name`, if there is one.
pub fn element_named(name: &str) -> Option<&'static Element> {
    ELEMENTS.iter().find(|e| e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_words_are_unique_and_lowercase() {
        let mut names = HashSet::new();
        let mut words = HashSet::new();
        for e in ELEMENTS {
            assert!(names.insert(e.name), "{} listed twice", e.name);
            for w in e.words {
                assert_eq!(*w, w.to_lowercase(), "{w}");
                assert!(words.insert(*w), "{w} names two elements");
            }
        }
        assert!(ELEMENTS.iter().filter(|e| e.kind != Kind::Sky).count() >= 30);
    }
}
