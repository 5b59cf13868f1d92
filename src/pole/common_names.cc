#include "pole/common_names.h"

namespace peel::pole {

const std::vector<std::string>& common_surnames() {
  static const std::vector<std::string> names = {
      "Smith",      "Jones",      "Williams",   "Taylor",     "Brown",    "Davies",
      "Evans",      "Wilson",     "Thomas",     "Johnson",    "Roberts",  "Robinson",
      "Thompson",   "Wright",     "Walker",     "White",      "Edwards",  "Hughes",
      "Green",      "Hall",       "Lewis",      "Harris",     "Clarke",   "Patel",
      "Jackson",    "Wood",       "Turner",     "Martin",     "Cooper",   "Hill",
      "Ward",       "Morris",     "Moore",      "Clark",      "Lee",      "King",
      "Baker",      "Harrison",   "Morgan",     "Allen",      "James",    "Scott",
      "Phillips",   "Watson",     "Davis",      "Parker",     "Price",    "Bennett",
      "Young",      "Griffiths",  "Mitchell",   "Kelly",      "Cook",     "Carter",
      "Richardson", "Bailey",     "Collins",    "Bell",       "Shaw",     "Murphy",
      "Miller",     "Cox",        "Richards",   "Khan",       "Marshall", "Anderson",
      "Simpson",    "Ellis",      "Adams",      "Singh",      "Begum",    "Wilkinson",
      "Foster",     "Chapman",    "Powell",     "Webb",       "Rogers",   "Gray",
      "Mason",      "Ali",        "Hunt",       "Hussain",    "Campbell", "Matthews",
      "Owen",       "Palmer",     "Holmes",     "Mills",      "Barnes",   "Knight",
      "Lloyd",      "Butler",     "Russell",    "Barker",     "Fisher",   "Stevens",
      "Jenkins",    "Murray",     "Dixon",      "Harvey",     "Graham",   "Pearson",
      "Ahmed",      "Fletcher",   "Walsh",      "Kaur",       "Gibson",   "Howard",
      "Andrews",    "Stewart",    "Elliott",    "Reynolds",   "Saunders", "Payne",
      "Fox",        "Ford",       "Pearce",     "Day",        "Brooks",   "West",
      "Lawrence",   "Cole",       "Atkinson",   "Bradley",    "Spencer",  "Gill",
      "Dawson",     "Ball",       "Burton",     "O'Brien",    "Watts",    "Rose",
      "Booth",      "Perry",      "Ryan",       "Grant",      "Wells",    "Armstrong",
      "Francis",    "Rees",       "Hayes",      "Hart",       "Hudson",   "Newman",
      "Barrett",    "Webster",    "Hunter",     "Gregory",    "Carr",     "Lowe",
      "Page",       "Marsh",      "Riley",      "Dunn",       "Woods",    "Parsons",
      "Berry",      "Stone",      "Reid",       "Holland",    "Hawkins",  "Harding",
      "Porter",     "Robertson",  "Newton",     "Oliver",     "Reed",     "Kennedy",
      "Williamson", "Bird",       "Gardner",    "Shah",       "Dean",     "Lane",
      "Cooke",      "Bates",      "Henderson",  "Parry",      "Burgess",  "Bishop",
      "Walton",     "Burns",      "Nicholson",  "Shepherd",   "Ross",     "Cross",
      "Long",       "Freeman",    "Warren",     "Nicholls",   "Hamilton", "Byrne",
      "Sutton",     "McDonald",   "Yates",      "Hodgson",    "Robson",   "Curtis",
      "Hopkins",    "O'Connor",   "Harper",     "Coleman",    "Watkins",  "Moss",
      "McCarthy",   "Chambers",   "O'Neill",    "Griffin",    "Sharp",    "Hardy",
      "Wheeler",    "Potter",     "Osborne",    "Johnston",   "Gordon",   "Doyle",
      "Wallace",    "George",     "Jordan",     "Hutchinson", "Rowe",     "Burke",
      "May",        "Pritchard",  "Gilbert",    "Willis",     "Higgins",  "Read",
      "Miles",      "Stevenson",  "Stephenson", "Hammond",    "Arnold",   "Buckley",
      "Walters",    "Hewitt",     "Barber",     "Nelson",     "Slater",   "Austin",
      "Sullivan",   "Whitehead",  "Mann",       "Frost",      "Lambert",  "Stephens",
      "Blake",      "Akhtar",     "Lynch",      "Goodwin",    "Barton",   "Woodward",
      "Thomson",    "Cunningham", "Quinn",      "Barnett",    "Baxter",   "Bibi",
      "Clayton",    "Nash",       "Greenwood",  "Jennings",   "Holt",     "Kemp",
      "Poole",      "Gallagher",  "Bond",       "Stokes",     "Tucker",   "Davidson",
      "Fowler",     "Heath",      "Norman",     "Middleton",  "Lawson",   "Banks",
      "French",     "Stanley",    "Jarvis",     "Gibbs",      "Ferguson", "Hayward",
      "Carroll",    "Douglas",    "Dickinson",  "Todd",       "Barlow",   "Peters",
      "Lucas",      "Knowles",    "Hartley",    "Miah",       "Simmons",  "Morton",
      "Alexander",  "Field",      "Morrison",   "Horton",     "Frazer",   "Lord",
      "Hancock"};
  return names;
}

const std::vector<std::string>& common_forenames() {
  static const std::vector<std::string> names = {
      "Oliver",   "George",    "Harry",   "Jack",     "Jacob",     "Noah",        "Charlie",
      "Muhammad", "Thomas",    "Oscar",   "William",  "James",     "Leo",         "Alfie",
      "Henry",    "Joshua",    "Freddie", "Archie",   "Ethan",     "Isaac",       "Alexander",
      "Joseph",   "Edward",    "Samuel",  "Max",      "Daniel",    "Arthur",      "Lucas",
      "Mohammed", "Logan",     "David",   "John",     "Michael",   "Paul",        "Andrew",
      "Mark",     "Peter",     "Robert",  "Richard",  "Stephen",   "Christopher", "Matthew",
      "Anthony",  "Kevin",     "Gary",    "Ian",      "Simon",     "Lee",         "Olivia",
      "Amelia",   "Isla",      "Ava",     "Emily",    "Isabella",  "Mia",         "Poppy",
      "Ella",     "Lily",      "Sophia",  "Grace",    "Evie",      "Jessica",     "Sophie",
      "Chloe",    "Charlotte", "Emma",    "Sarah",    "Laura",     "Rebecca",     "Hannah",
      "Lucy",     "Amy",       "Claire",  "Helen",    "Karen",     "Susan",       "Julie",
      "Nicola",   "Rachel",    "Louise",  "Margaret", "Elizabeth", "Mary",        "Patricia",
      "Jennifer", "Linda",     "Barbara", "Anne",     "Fatima",    "Aisha",       "Zara",
      "Priya",    "Ayesha",    "Maryam",  "Sean",     "Connor",    "Liam",        "Ryan",
      "Dylan",    "Kieran",    "Aaron",   "Jordan",   "Nathan",    "Jamie",       "Siobhan",
      "Niamh",    "Aoife",     "Ciara",   "Megan",    "Bethany",   "Jade",        "Kirsty"};
  return names;
}

}  // namespace peel::pole
