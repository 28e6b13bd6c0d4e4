// The module `entente._entente`, joined from one binding file per area (OpenSpiel's layout:
// pyspiel.cc calls each games_*.cc init). The Python package `entente` re-exports it.
#include "bindings.h"

PYBIND11_MODULE(_entente, m) {
  m.doc() = "Entente: bargaining models and the alliance under strain, from Python.";
  m.attr("__version__") = ENTENTE_VERSION;
  entente::python::init_core_io(m);
  entente::python::init_bargaining(m);
  entente::python::init_sim(m);
  entente::python::init_analysis(m);
  entente::python::init_evidence(m);
}
