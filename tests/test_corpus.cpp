#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "newskg/corpus.hpp"
#include "newskg/ordered_pipeline.hpp"

using namespace newskg::corpus;
namespace fs = std::filesystem;

TEST(Shard, IsFnv1aOfTheIdModuloTheCount) {
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; shard numbers must never change between versions.
  EXPECT_EQ(shard_of("a", 1u << 31), 0xaf63dc4c8601ec8cULL % (1u << 31));
  EXPECT_EQ(shard_of("anything", 1), 0u);
  std::vector<int> counts(7);
  for (int i = 0; i < 7000; ++i) ++counts[shard_of("doc-" + std::to_string(i), 7)];
  for (int c : counts) EXPECT_GT(c, 800);  // about 1000 each
}

TEST(Shard, ParsesKOfN) {
  EXPECT_EQ(parse_shard("0/1"), (std::pair<std::uint32_t, std::uint32_t>{0, 1}));
  EXPECT_EQ(parse_shard("6/7"), (std::pair<std::uint32_t, std::uint32_t>{6, 7}));
  for (const char* bad : {"7/7", "1", "/2", "1/", "a/2", "0/0", "-1/2", "1/2/3", " 1/2", "99999999999/2"})
    EXPECT_FALSE(parse_shard(bad)) << bad;
}

TEST(OrderedPipeline, WritesInReadOrderWhateverTheThreads) {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    int next = 0;
    std::vector<int> written;
    std::mt19937 rng(threads);
    std::vector<int> delays(500);
    for (int& d : delays) d = static_cast<int>(rng() % 300);
    run_ordered<int, int>(
        threads, 4 * threads, [&](int& item) { return next < 500 ? (item = next++, true) : false; },
        [&](int&& item) {
          std::this_thread::sleep_for(std::chrono::microseconds(delays[item]));  // finish out of order
          return item * 2;
        },
        [&](int&& result) { written.push_back(result); });
    ASSERT_EQ(written.size(), 500u) << threads;
    for (int i = 0; i < 500; ++i) ASSERT_EQ(written[i], 2 * i) << threads;
  }
}

TEST(OrderedPipeline, KeepsAtMostTheWindowInFlight) {
  std::atomic<int> read{0}, written{0}, most{0};
  run_ordered<int, int>(
      3, 6,
      [&](int& item) {
        if (read == 300) return false;
        item = read++;
        most = std::max(most.load(), read - written);
        return true;
      },
      [&](int&& item) { return item; }, [&](int&&) { ++written; });
  EXPECT_EQ(written, 300);
  EXPECT_LE(most, 6);
}

TEST(OrderedPipeline, RethrowsTheFirstFailureAndStops) {
  for (unsigned threads : {1u, 4u}) {
    int next = 0;
    auto read = [&](int& item) { return next < 100000 ? (item = next++, true) : false; };
    auto failing_worker = [&] {
      run_ordered<int, int>(
          threads, 8, read,
          [](int&& item) {
            if (item == 50) throw std::runtime_error("worker");
            return item;
          },
          [](int&&) {});
    };
    EXPECT_THROW(failing_worker(), std::runtime_error);
    EXPECT_LT(next, 1000) << "the reader went on after the failure";
    next = 0;
    auto failing_writer = [&] {
      run_ordered<int, int>(threads, 8, read, [](int&& item) { return item; }, [](int&& item) {
        if (item == 10) throw std::logic_error("writer");
      });
    };
    EXPECT_THROW(failing_writer(), std::logic_error);
    EXPECT_LT(next, 1000) << "the reader went on after the failure";
  }
}

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("newskg-reader-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  std::vector<Item> read_all(const std::vector<std::string>& paths, ReadOptions options = {}) {
    Reader reader(paths, options);
    std::vector<Item> items;
    for (Item item; reader.next(item);) items.push_back(item);
    return items;
  }
  fs::path dir_;
};

TEST_F(ReaderTest, ReadsJsonLinesWithTheirFields) {
  const std::string path = write("c.jsonl",
                                 "{\"id\": \"a1\", \"text\": \"Russia sent troops.\", \"published\": \"2024-10-22\", \"url\": \"https://x.example/1\", "
                                 "\"title\": \"T\", \"source\": \"Wire\", \"extra\": [1]}\n\n{\"id\": 7, \"text\": \"Second.\"}");
  const auto items = read_all({path});
  ASSERT_EQ(items.size(), 2u);
  ASSERT_TRUE(items[0].document);
  EXPECT_EQ(items[0].document->id, "a1");
  EXPECT_EQ(items[0].document->text, "Russia sent troops.");
  EXPECT_EQ(items[0].document->published->lexical(), "2024-10-22");
  EXPECT_EQ(items[0].document->url, "https://x.example/1");
  EXPECT_EQ(items[0].document->title, "T");
  EXPECT_EQ(items[0].document->source, "Wire");
  ASSERT_TRUE(items[1].document) << items[1].error;
  EXPECT_EQ(items[1].document->id, "7");  // an integer id, and a last line without a line break
}

TEST_F(ReaderTest, ReportsBadLinesWithTheirNumberAndGoesOn) {
  const std::string path = write("c.jsonl", "{\"text\": \"One.\"}\n{\"text\": \n{\"id\": \"x\"}\n{\"text\": \"Four.\", \"published\": \"soon\"}\n{\"text\": \"Five.\"}\n");
  const auto items = read_all({path});
  ASSERT_EQ(items.size(), 5u);
  EXPECT_TRUE(items[0].document);
  EXPECT_EQ(items[1].error.rfind(path + ":2: not valid JSON", 0), 0u) << items[1].error;
  EXPECT_EQ(items[2].error, path + ":3: no \"text\"; each line needs the article's text; line skipped");
  EXPECT_EQ(items[3].error, path + ":4: \"published\": 'soon' is not a date (YYYY-MM-DD); line skipped");
  ASSERT_TRUE(items[4].document);
  EXPECT_EQ(items[4].document->id, newskg::model::stable_hash("Five."));  // no id: a hash of the text
}

TEST_F(ReaderTest, WalksFoldersInSortedOrderAndSkipsHiddenAndOtherFiles) {
  write("f/b.txt", "B text.");
  write("f/a/z.md", "Z text.");
  write("f/a.txt", "A text.");
  write("f/.hidden.txt", "Hidden.");
  write("f/.git/x.txt", "Hidden folder.");
  write("f/gold.json", "{}");
  Reader reader({(dir_ / "f").string()}, {});
  std::vector<std::string> relative;
  for (const Source& s : reader.sources()) relative.push_back(s.relative);
  EXPECT_EQ(relative, (std::vector<std::string>{"a.txt", "a/z.md", "b.txt"}));
}

TEST_F(ReaderTest, ShardsSplitTheDocumentsOnceAndTheBadLinesOnce) {
  std::string lines;
  for (int i = 0; i < 60; ++i) lines += (i % 10 == 9 ? std::string("{broken\n") : "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"Text.\"}\n");
  const std::string path = write("c.jsonl", lines);
  std::size_t documents = 0, errors = 0;
  for (std::uint32_t k = 0; k < 3; ++k) {
    ReadOptions options;
    options.shard_index = k;
    options.shard_count = 3;
    for (const Item& item : read_all({path}, options)) (item.document ? documents : errors) += 1;
  }
  EXPECT_EQ(documents, 54u);
  EXPECT_EQ(errors, 6u);
}
