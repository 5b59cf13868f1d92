// People recorded in the POLE store and found again, on both store backends: bad input is refused
// naming the field and writes nothing; search finds by sounds-alike names in any order, aliases,
// initials and partial dates of birth, and says why.
#include "pole/persons.h"

#include <gtest/gtest.h>

#include "support/test_store.h"

namespace peel::pole {
namespace {

class Persons_ : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestStore>(GetParam());
    if (!db_->skip_reason.empty()) GTEST_SKIP() << db_->skip_reason;
    auto all = events::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    ASSERT_TRUE(store::migrate(db_->store(), all, clock_).ok());
    log_ = std::make_unique<events::EventLog>(db_->store(), clock_, metrics_);
    ASSERT_TRUE(log_->start().ok());
    persons_ = std::make_unique<Persons>(db_->store(), *log_, clock_);
  }
  void TearDown() override {
    if (log_) log_->stop();
  }

  std::string add(const std::string& surname, std::vector<std::string> forenames,
                  std::optional<Date> born = std::nullopt, std::vector<std::string> aliases = {}) {
    NewPerson p;
    p.surname = surname;
    p.forenames = std::move(forenames);
    p.date_of_birth = born;
    p.aliases = std::move(aliases);
    auto made = persons_->record(p, auth::Actor::system());
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made.ok() ? made->id : std::string();
  }

  std::vector<PersonHit> search(const std::string& name, int year = 0, int month = 0) {
    PersonQuery q;
    q.name = name;
    q.birth_year = year;
    q.birth_month = month;
    q.today = clock_.now();
    auto hits = persons_->search(q);
    EXPECT_TRUE(hits.ok()) << hits.error().message;
    return hits.ok() ? *hits : std::vector<PersonHit>();
  }

  size_t events() { return static_cast<size_t>(log_->last_sequence()); }

  // 2027-01-15.
  ManualClock clock_{Timestamp(std::chrono::milliseconds(1'800'000'000'000))};
  MetricsRegistry metrics_;
  std::unique_ptr<testing::TestStore> db_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<Persons> persons_;
};

TEST_P(Persons_, ARecordedPersonIsReadBackWhole) {
  NewPerson p;
  p.surname = "  O'Brien ";
  p.forenames = {"Siobhan", "Mary"};
  p.date_of_birth = Date{1985, 3, 14};
  p.aliases = {"Shiv Brien"};
  p.identifiers = {{"pnc", "85/123456X"}, {"phone", "+447700900123"}};
  p.description = "5'6\", slim, tattoo of a swallow on the left wrist";
  auto made = persons_->record(p, auth::Actor::system());
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->surname, "O'Brien") << "trimmed";
  auto found = persons_->find(made->id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->forenames, (std::vector<std::string>{"Siobhan", "Mary"}));
  EXPECT_EQ(found->date_of_birth, (Date{1985, 3, 14}));
  EXPECT_EQ(found->identifiers.size(), 2U);
  EXPECT_EQ(found->aliases, std::vector<std::string>{"Shiv Brien"});
  EXPECT_EQ(found->description, p.description);
  EXPECT_EQ(persons_->find("nobody").error().code, ErrorCode::kNotFound);
}

TEST_P(Persons_, BadInputNamesTheFieldAndWritesNothing) {
  const size_t before = events();
  auto refused = [&](const NewPerson& p, const std::string& field) {
    auto r = persons_->record(p, auth::Actor::system());
    ASSERT_FALSE(r.ok()) << field;
    ASSERT_FALSE(r.error().fields.empty()) << r.error().message;
    EXPECT_EQ(r.error().fields[0].field, field) << r.error().message;
  };
  NewPerson good;
  good.surname = "Smith";
  NewPerson p = good;
  p.surname = "   ";
  refused(p, "surname");
  p = good;
  p.date_of_birth = Date{2030, 1, 1};
  refused(p, "date_of_birth");
  p.date_of_birth = Date{1990, 2, 30};
  refused(p, "date_of_birth");
  p = good;
  p.identifiers = {{"pnc", "85/123456X"}, {"pnc", "123456"}};
  refused(p, "identifiers[1].value");
  p.identifiers = {{"driving_licence", "SHORT"}};
  refused(p, "identifiers[0].value");
  p.identifiers = {{"shoe_size", "9"}};
  refused(p, "identifiers[0].kind");
  p = good;
  p.forenames = {"Ann", "\x01"};
  refused(p, "forenames[1]");
  EXPECT_EQ(events(), before) << "nothing written";
}

TEST_P(Persons_, SearchFindsSoundsAlikeNamesInAnyOrderAndSaysWhy) {
  const auto john = add("Smith", {"John", "Paul"}, Date{1985, 3, 14});
  const auto jon = add("Smyth", {"Jon"}, Date{1990, 7, 1});
  add("Jones", {"Mary"}, Date{1985, 3, 14});
  add("Smith", {"Alice"}, Date{1962, 1, 2});

  auto hits = search("john smith");
  ASSERT_GE(hits.size(), 2U);
  EXPECT_EQ(hits[0].person.id, john);
  EXPECT_EQ(hits[1].person.id, jon) << "Smyth, Jon sounds like it";
  EXPECT_GT(hits[0].score, hits[1].score);
  EXPECT_FALSE(hits[0].why.empty());
  EXPECT_NE(hits[0].why[0].find("surname Smith is 'smith'"), std::string::npos) << hits[0].why[0];

  hits = search("SMITH, John");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].person.id, john) << "surname first, a comma, capitals";
  hits = search("j smith");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].person.id, john) << "an initial";
}

TEST_P(Persons_, APartialDateOfBirthNarrows) {
  const auto older = add("Smith", {"Alice"}, Date{1962, 1, 2});
  const auto younger = add("Smith", {"Amy"}, Date{1985, 3, 14});
  add("Smith", {"Ann"});  // date of birth unknown: kept, ranked lower
  auto hits = search("smith", 1985);
  ASSERT_EQ(hits.size(), 1U) << "the year key finds only those born then";
  EXPECT_EQ(hits[0].person.id, younger);
  hits = search("amy smith", 1985, 3);
  ASSERT_EQ(hits.size(), 2U);
  EXPECT_EQ(hits[0].person.id, younger);
  EXPECT_NE(hits[1].why.back().find("not recorded"), std::string::npos);
  hits = search("alice smith", 1985);
  EXPECT_TRUE(std::none_of(hits.begin(), hits.end(), [&](const auto& h) {
    return h.person.id == older;
  })) << "born 1962, not 1985";

  PersonQuery by_age;
  by_age.name = "smith";
  by_age.min_age = 60;
  by_age.max_age = 70;
  by_age.today = clock_.now();
  auto aged = persons_->search(by_age);
  ASSERT_TRUE(aged.ok());
  ASSERT_EQ(aged->size(), 1U);
  EXPECT_EQ(aged->front().person.id, older) << "64 on 2027-01-15";
}

TEST_P(Persons_, AliasesFindThePerson) {
  const auto id = add("Brown", {"Robert"}, Date{1970, 5, 5}, {"Bobby Black"});
  auto hits = search("bobby black");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].person.id, id);
  EXPECT_NE(hits[0].why[0].find("alias 'Bobby Black'"), std::string::npos) << hits[0].why[0];
}

TEST_P(Persons_, ASearchWithoutANameIsRefused) {
  PersonQuery q;
  q.name = " ,. ";
  EXPECT_EQ(persons_->search(q).error().fields.at(0).field, "q");
}

INSTANTIATE_TEST_SUITE_P(Backends, Persons_, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::pole

namespace peel::pole {
namespace {

// A search spends its budget of candidates on exact names before names that sound alike, and
// narrows by what it knows.
TEST(SearchKeys, ExactNamesFirstThenSoundsAlike) {
  PersonQuery q;
  q.today = Timestamp(std::chrono::milliseconds(1'800'000'000'000));  // 2027-01-15
  EXPECT_EQ(search_keys({"john", "smith"}, q),
            (std::vector<std::string>{"x:john|smith", "x:smith|john", "n:j500s530", "p:joh|s530",
                                      "n:s530j500", "p:smi|j500"}));
  EXPECT_EQ(search_keys({"j", "smith"}, q), std::vector<std::string>{"i:s530j"});
  EXPECT_EQ(search_keys({"smith"}, q), (std::vector<std::string>{"e:smith", "s:s530"}));
  q.birth_year = 1985;
  EXPECT_EQ(search_keys({"smith"}, q), (std::vector<std::string>{"ey:smith|1985", "y:s5301985"}));
  q.birth_year = 0;
  q.min_age = 40;
  q.max_age = 41;
  EXPECT_EQ(search_keys({"smith"}, q).size(), 6U) << "born 1985, 1986 or 1987";
  const auto filed = person_keys("Smith", {"John"}, 1985);
  for (const auto& key :
       {"e:smith", "x:smith|john", "ey:smith|1985", "n:s530j500", "i:s530j", "p:smi|j500"})
    EXPECT_NE(std::find(filed.begin(), filed.end(), key), filed.end()) << key;
}

}  // namespace
}  // namespace peel::pole
