# The tutorial's model as a PowerShell class: layers held in properties, Forward overridden.
# Dot-source it after Import-Module: the base type must be loaded before this file is parsed.
class ToyModel : NNTools.NN.Module {
    [NNTools.NN.Linear] $fc1
    [NNTools.NN.Linear] $fc2

    ToyModel() {
        $this.fc1 = [NNTools.NN.Linear]::new(3, 4)
        $this.fc2 = [NNTools.NN.Linear]::new(4, 2)
    }

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) {
        return $this.fc2.Forward($this.fc1.Forward($x).Relu()).Sigmoid()
    }
}

# The assignment's generate_data(N): 3-d inputs, two binary outputs.
function New-ToyData([int] $Count) {
    $x = [NNTools.Tensor]::Randn($Count, 3)
    $x0 = $x[':, 0']
    $x1 = $x[':, 1']
    $x2 = $x[':, 2']
    $a = ($x0 + $x1) * $x2.Gt(0.0) + ($x0 - $x1) * $x2.Lt(0.0)
    $b = $x.Norm(2, 1)
    $y = [NNTools.Tensor]::Stack(@($a, $b)).T.Abs().Gt(1.33).Float()
    [pscustomobject]@{ X = $x; Y = $y }
}
