# Model classes with the mistakes users make, for the error tests. Dot-source after Import-Module.

# Forward forgets to return its result.
class NullForwardModel : NNTools.NN.Module {
    [NNTools.NN.Linear] $fc = [NNTools.NN.Linear]::new(2, 1)

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $null }
}

# Nothing to train: no layer with weights, no tensor that requires grad.
class ParameterlessModel : NNTools.NN.Module {
    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $x.Relu() }
}

# Runs whatever module it holds; two of them holding each other make a cycle through properties.
class HolderModel : NNTools.NN.Module {
    [NNTools.NN.Module] $Inner

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $this.Inner.Forward($x) }
}
