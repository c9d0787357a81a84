module top(input clk, input rst, input en, output reg [15:0] count, output wire tick);
  always @(posedge clk)
    if (rst) count <= 16'd0;
    else if (en) count <= count + 16'd1;
  assign tick = &count;
endmodule
