// dot-check FILE: lays a DOT file out with Graphviz's library (exporters::dot_to_svg) and prints
// the SVG; exits 1 with Graphviz's message when the file does not parse or lay out.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "newskg/graph_drawing.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: dot-check FILE.dot\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot open\n";
    return 1;
  }
  const std::string dot((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    std::cout << newskg::exporters::dot_to_svg(dot);
  } catch (const std::runtime_error& e) {
    std::cerr << argv[1] << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}
